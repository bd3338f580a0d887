#!/usr/bin/python3
"""test-check-layout.py: check-layout.py finds what it is for.

Builds small trees in a temporary folder and checks the lines the checker
prints for each, so that a checker that always passes fails here.
"""

import atexit
import os
import shutil
import subprocess
import sys
import tempfile

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'check-layout.py')


def tree(files):
    root = tempfile.mkdtemp(prefix='layout-')
    atexit.register(shutil.rmtree, root, True)
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'w', encoding='utf-8') as f:
            f.write(text)
    return root


def run(root, mode):
    result = subprocess.run([sys.executable, CHECKER, root, mode], capture_output=True, text=True)
    return result.returncode, result.stdout.splitlines()


def expect(name, got, want):
    ok = got == want
    print(('ok' if ok else 'not ok') + ' - ' + name)
    if not ok:
        print('#   got:  %r\n#   want: %r' % (got, want))
    return ok


def main():
    results = []
    print('1..5')

    good = tree({
        'core/base/tally-a.h': '#pragma once\n',
        'core/project/tally-b.c': '#include "tally-a.h"\n',
        'app/report/tally-c.c': '#include "tally-b.h"\n#include "tally-a.h"\n',
        'core/project/tally-b.h': '#pragma once\n',
    })
    results.append(expect('a tree that follows the rule passes', run(good, 'includes'), (0, [])))

    upward = tree({
        'core/base/tally-a.c': '#include "tally-b.h"\n',
        'core/project/tally-b.h': '#pragma once\n',
    })
    results.append(expect('an include against the order is named with its line', run(upward, 'includes'),
                          (1, ['core/base/tally-a.c:1: core/base may not include tally-b.h from core/project',
                               ])))

    siblings = tree({
        'core/import/tally-i.c': '\n#include "tally-e.h"\n',
        'core/engine/tally-e.h': '#pragma once\n',
        'core/engine/tally-e.c': '#include "tally-i.h"\n',
        'core/import/tally-i.h': '#pragma once\n',
    })
    code, lines = run(siblings, 'includes')
    results.append(expect('siblings including each other are a cycle', (code, sorted(lines)),
                          (1, sorted(['core/engine/tally-e.c:1: core/engine may not include tally-i.h from core/import',
                                      'core/import/tally-i.c:2: core/import may not include tally-e.h from core/engine',
                                      'cycle between folders: core/engine -> core/import -> core/engine']))))

    long_body = 'static int\nlong_one (void)\n{\n' + '  x++;\n' * 80 + '}\n'
    sizes = tree({
        'core/base/tally-long.c': long_body,
        'core/base/tally-ok.c': 'static void\nthing_class_init (void)\n{\n' + '  x++;\n' * 90 + '}\n',
    })
    results.append(expect('a function over 80 lines is named; class_init is not', run(sizes, 'sizes'),
                          (1, ['core/base/tally-long.c:3: long_one is 82 lines, more than 80'])))

    big = tree({'core/base/tally-big.h': '/* */\n' * 801})
    results.append(expect('a file over 800 lines is named', run(big, 'sizes'),
                          (1, ['core/base/tally-big.h: 801 lines, more than 800'])))

    return 0 if all(results) else 1


if __name__ == '__main__':
    sys.exit(main())
