"""cc_grpc_library: C++ gRPC stubs from Debian's grpc_cpp_plugin."""

load("@rules_cc//cc:defs.bzl", "cc_library")

def cc_grpc_library(name, src, cc_proto, visibility = None, testonly = False):
    """Generates and compiles <src>.grpc.pb.{h,cc}.

    Args:
      name: the cc_library to create.
      src: the .proto file (a label of a file in this package).
      cc_proto: the cc_proto_library of the same proto_library.
      visibility: visibility of the resulting library.
      testonly: as for any rule.
    """
    base = src[:-len(".proto")]
    native.genrule(
        name = name + "_gen",
        srcs = [src],
        outs = [base + ".grpc.pb.h", base + ".grpc.pb.cc"],
        cmd = ("$(location @com_google_protobuf//:protoc) " +
               "--plugin=protoc-gen-grpc=/usr/bin/grpc_cpp_plugin " +
               "--grpc_out=$(GENDIR) -I. $(location %s)") % src,
        tools = ["@com_google_protobuf//:protoc"],
        testonly = testonly,
    )
    cc_library(
        name = name,
        srcs = [base + ".grpc.pb.cc"],
        hdrs = [base + ".grpc.pb.h"],
        deps = [cc_proto, "@sys//:grpcpp"],
        visibility = visibility,
        testonly = testonly,
    )
