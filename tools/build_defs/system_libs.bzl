"""A repository rule exposing system libraries found with pkg-config.

Each entry of `libs` maps a Bazel target name to a list of pkg-config
packages (or, with a leading "-l", a plain linker flag). The rule runs
`pkg-config --cflags --libs` at fetch time and writes one cc_library per
entry, so nothing is downloaded and Debian's -dev packages are used as is.
`include_links` symlinks non-standard include directories (for example
/usr/include/mariadb) into the repository so they can be added as includes.
"""

def _run(ctx, args):
    res = ctx.execute(args)
    if res.return_code != 0:
        fail("command failed: %s\n%s" % (" ".join(args), res.stderr))
    return res.stdout.strip()

def _split(flags):
    return [f for f in flags.split(" ") if f]

def _system_libs_impl(ctx):
    build = ['package(default_visibility = ["//visibility:public"])', ""]
    for name, pkgs in ctx.attr.libs.items():
        linkopts = []
        defines = []
        includes = []
        hdrs = []
        pc = [p for p in pkgs if not p.startswith("-")]
        linkopts += [p for p in pkgs if p.startswith("-")]
        if pc:
            linkopts = _split(_run(ctx, ["pkg-config", "--libs"] + pc)) + linkopts
            for f in _split(_run(ctx, ["pkg-config", "--cflags"] + pc)):
                if f.startswith("-D"):
                    defines.append(f[2:])
                elif f == "-pthread":
                    linkopts.append(f)
        if name in ctx.attr.include_links:
            src = ctx.attr.include_links[name]
            ctx.symlink(src, name + "_include")
            includes.append(name + "_include")
            hdrs.append('glob(["%s_include/**/*.h"])' % name)
        build.append("cc_library(")
        build.append('    name = "%s",' % name)
        if hdrs:
            build.append("    hdrs = %s," % " + ".join(hdrs))
        build.append("    includes = %s," % repr(includes))
        build.append("    defines = %s," % repr(defines))
        build.append("    linkopts = %s," % repr(linkopts))
        build.append(")")
        build.append("")
    ctx.file("BUILD", "\n".join(build))
    ctx.file("WORKSPACE", 'workspace(name = "%s")\n' % ctx.name)

system_libs = repository_rule(
    implementation = _system_libs_impl,
    attrs = {
        "libs": attr.string_list_dict(mandatory = True),
        "include_links": attr.string_dict(),
    },
    local = True,
)
