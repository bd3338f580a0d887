#!/usr/bin/python3
"""check-layout.py: the layout of src/ stays the one src/DESIGN.md describes.

  check-layout.py SRCDIR includes   every #include follows the folders' one-way
                                    rule, and no two folders need each other
  check-layout.py SRCDIR sizes      no file over 800 lines, no function over 80
                                    lines (from its `{` to its `}`) outside
                                    class_init

Prints one line per breach, naming the file and line, and exits 1 if any.
"""

import os
import re
import sys

# Each folder may include from the folders of a lower level only (and from
# itself). Folders of one level are siblings and may not include each other.
LEVELS = {
    'core/base': 0,
    'core/project': 1,
    'core/facts': 2,
    'core/import': 3,
    'core/engine': 3,
    'core/report': 4,
    'core/net': 4,
    'core': 5,
    'render': 6,
    'cli': 7,
    'app': 7,
}

MAX_FILE_LINES = 800
MAX_FUNCTION_LINES = 80

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def folder_of(src, path):
    """The rule's folder of a file: app/report/x.c belongs to app."""
    rel = os.path.relpath(os.path.dirname(path), src)
    best = None
    for folder in LEVELS:
        if rel == folder or rel.startswith(folder + '/'):
            if best is None or len(folder) > len(best):
                best = folder
    return best


def sources(src):
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(('.c', '.h')):
                yield os.path.join(root, name)


def check_includes(src):
    paths = list(sources(src))
    where = {}
    for path in paths:
        where.setdefault(os.path.basename(path), []).append(path)

    problems = []
    needs = {}
    for name, found in where.items():
        if len(found) > 1:
            problems.append('%s: the name is used twice (%s)' % (name, ', '.join(found)))

    for path in paths:
        folder = folder_of(src, path)
        if folder is None:
            problems.append('%s: is in no folder of the layout' % path)
            continue
        with open(path, encoding='utf-8') as f:
            for number, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m or os.path.basename(m.group(1)) not in where:
                    continue
                target = where[os.path.basename(m.group(1))][0]
                other = folder_of(src, target)
                if other is None or other == folder:
                    continue
                needs.setdefault(folder, set()).add(other)
                if LEVELS[other] >= LEVELS[folder]:
                    problems.append('%s:%d: %s may not include %s from %s'
                                    % (os.path.relpath(path, src), number, folder,
                                       m.group(1), other))

    # A cycle between folders, found on its own so that a changed level
    # table cannot hide one.
    state = {}

    def visit(folder, trail):
        state[folder] = 'open'
        for other in sorted(needs.get(folder, ())):
            if state.get(other) == 'open':
                cycle = trail[trail.index(other):] + [other]
                problems.append('cycle between folders: %s' % ' -> '.join(cycle))
            elif other not in state:
                visit(other, trail + [other])
        state[folder] = 'done'

    for folder in sorted(needs):
        if folder not in state:
            visit(folder, [folder])
    return problems


FUNCTION_NAME = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*)\s*\(')


def check_sizes(src):
    problems = []
    for path in sources(src):
        with open(path, encoding='utf-8') as f:
            lines = f.read().split('\n')
        if lines and lines[-1] == '':
            lines.pop()
        rel = os.path.relpath(path, src)
        if len(lines) > MAX_FILE_LINES:
            problems.append('%s: %d lines, more than %d' % (rel, len(lines), MAX_FILE_LINES))
        if not path.endswith('.c'):
            continue
        name = None
        start = None
        for number, line in enumerate(lines, 1):
            m = FUNCTION_NAME.match(line)
            if m and start is None:
                name = m.group(1)
            elif line.startswith('{') and name is not None and start is None:
                start = number
            elif line.startswith('}') and start is not None:
                length = number - start + 1
                if length > MAX_FUNCTION_LINES and not name.endswith('_class_init'):
                    problems.append('%s:%d: %s is %d lines, more than %d'
                                    % (rel, start, name, length, MAX_FUNCTION_LINES))
                name = None
                start = None
            elif line and not line[0].isspace() and start is None and not m \
                    and not line.startswith(('/*', ' *', '#')) and line.rstrip().endswith(';'):
                name = None
    return problems


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ('includes', 'sizes'):
        sys.stderr.write(__doc__)
        return 2
    src = sys.argv[1]
    problems = check_includes(src) if sys.argv[2] == 'includes' else check_sizes(src)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
