#!/usr/bin/env python3
"""Counts gtest cases in bazel-testlogs/**/test.xml and prints a closing line.

Only the XML of the test targets listed in --targets counts (one label per
line), so logs of deleted targets do not. A failed bazel run with no failed case in the XML (a build error, or a
target that crashed before writing XML) counts as one failure.
"""
import argparse
import os
import sys
import xml.etree.ElementTree as ET


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--targets", required=True, help="file of test labels")
    ap.add_argument("--bazel-rc", type=int, default=0)
    ap.add_argument("--root", default="bazel-testlogs")
    args = ap.parse_args()
    with open(args.targets) as f:
        labels = [l.strip() for l in f if l.strip().startswith("//")]
    passed = failed = 0
    failures = []
    for label in labels:
        pkg, _, name = label[2:].partition(":")
        path = os.path.join(args.root, pkg, name, "test.xml")
        if not os.path.exists(path):
            failed += 1
            failures.append(label + " (no test.xml: not built or not run)")
            continue
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            failed += 1
            failures.append(path + " (unreadable XML)")
            continue
        cases = list(root.iter("testcase"))
        for case in cases:
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
                failures.append("%s.%s" % (case.get("classname"), case.get("name")))
            elif case.get("status") == "notrun" or case.find("skipped") is not None:
                continue
            else:
                passed += 1
    if args.bazel_rc != 0 and failed == 0:
        failed = 1
        failures.append("bazel test exited with %d (build error or crash)" % args.bazel_rc)
    for f in failures[:50]:
        print("FAILED: " + f)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
