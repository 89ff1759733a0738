#!/usr/bin/python3
"""Sum the results of every suite into one line: N passed, N failed.

Arguments: meson's testlog.json, pytest's JUnit XML. A missing or empty
report counts as a failure, so a suite that did not run cannot pass.
Exit status 0 only when nothing failed.
"""
import json
import sys
import xml.etree.ElementTree as ET


def meson_counts(path):
    passed = failed = skipped = 0
    with open(path, encoding='utf-8') as f:
        for line in f:
            if not line.strip():
                continue
            result = json.loads(line)['result']
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
    return passed, failed, skipped


def junit_counts(path):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == 'testsuite' else root.iter('testsuite')
    passed = failed = skipped = 0
    for s in suites:
        total = int(s.get('tests', 0))
        bad = int(s.get('failures', 0)) + int(s.get('errors', 0))
        skip = int(s.get('skipped', 0))
        passed += total - bad - skip
        failed += bad
        skipped += skip
    return passed, failed, skipped


def main():
    passed = failed = skipped = 0
    for path, reader in ((sys.argv[1], meson_counts),
                         (sys.argv[2], junit_counts)):
        try:
            p, f, s = reader(path)
        except (OSError, ValueError, ET.ParseError) as e:
            print('summary: no results from %s (%s)' % (path, e))
            p, f, s = 0, 1, 0
        if p + f == 0:
            print('summary: %s ran no test' % path)
            f = 1
        passed, failed, skipped = passed + p, failed + f, skipped + s
    line = '%d passed, %d failed' % (passed, failed)
    if skipped:
        line += ', %d skipped' % skipped
    print(line)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
