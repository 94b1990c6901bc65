#!/usr/bin/python3
"""Random inputs for the three Python behaviours jsupervisor reimplements, with Python's
answers, for DifferentialFuzzTest.

    /usr/bin/python3 fuzz_cases.py SEED OUT.json

- "ini": text read by RawConfigParser(inline_comment_prefixes=(';', '#'), strict=False);
- "fmt": text % {'a': 'hello', 'n': 7};
- "env": supervisor.datatypes.dict_of_key_value_pairs (Python's non-POSIX shlex).
"""
import configparser
import json
import os
import random
import sys
import tempfile

import supervisor.options  # noqa: F401  (imports supervisor.datatypes in the right order)
from supervisor.datatypes import dict_of_key_value_pairs

random.seed(int(sys.argv[1]))

INI_LINES = ['[s]', '[t]', '[DEFAULT]', '[s] ;c', '[a]b]', '[]', 'k=v', 'k = v ; c', 'k: v#x', 'k = v #x',
             'K=V', '  cont', '\tcont2', '', '   ', '; comment', '# comment', '  ; ic', 'x', '=v', ':v',
             'a=b=c', 'a:b=c', 'k =', 'k\u00a0= v\u00a0', 'q = a;b;c ;d #e', '    [s]', 'k = %(x)s', 'z=1',
             ' z = 2', 'k=a\\tb', '  #x', 'k ;= v', '[s]#x', '\u3000k=v']
FMT_PARTS = ['%(a)s', '%(n)d', '%(n)02d', '%%', '%', '%(a)d', '%(b)s', 'x', '(', ')', '%(n)-4x', '%(a)5.1s',
             '%(n)#o', '%(a', '%(n)+.3d', '%(n) i', '%(a)r', '%(n)c', '%(n)e', '%(n)g', '%(n)5.2f',
             '%(n)X', '%(a)-6s', '%(n)05.1d', '%y', '%(a)%']
ENV_PARTS = ['A', '=', '1', ',', ';', ' ', '"x y"', "'q'", '/p:q', '#c', '\n', '\u00e9', '~', '$', 'a"b',
             '"', "'", 'K_2', '-x.', '()', '\t']


def ini_case():
    lines = [random.choice(INI_LINES) for _ in range(random.randint(1, 10))]
    sep = random.choice(['\n', '\r\n', '\r'])
    text = sep.join(lines) + random.choice(['', sep])
    p = configparser.RawConfigParser(inline_comment_prefixes=(';', '#'), strict=False)
    # through a real file, as Supervisor reads: text mode turns \r and \r\n into \n
    path = os.path.join(tempfile.gettempdir(), 'jsupervisor-fuzz-%d.ini' % os.getpid())
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(text)
    try:
        with open(path, encoding='utf-8') as f:
            p.read_file(f)
        result = {'ok': True, 'sections': {s: dict(p._sections[s]) for s in p.sections()},
                  'defaults': dict(p._defaults)}
    except configparser.Error:
        result = {'ok': False}
    return {'text': text, 'result': result}


def fmt_case():
    text = ''.join(random.choice(FMT_PARTS) for _ in range(random.randint(1, 5)))
    try:
        result = {'ok': True, 'value': text % {'a': 'hello', 'n': 7}}
    except KeyError:
        result = {'ok': False, 'kind': 'missing'}
    except (ValueError, TypeError):
        result = {'ok': False, 'kind': 'bad'}
    return {'text': text, 'result': result}


def env_case():
    text = ''.join(random.choice(ENV_PARTS) for _ in range(random.randint(1, 10)))
    try:
        result = {'ok': True, 'value': list(dict_of_key_value_pairs(text).items())}
    except ValueError:
        result = {'ok': False}
    return {'text': text, 'result': result}


def main():
    cases = {'ini': [ini_case() for _ in range(500)],
             'fmt': [fmt_case() for _ in range(500)],
             'env': [env_case() for _ in range(500)]}
    with open(sys.argv[2], 'w') as f:
        json.dump(cases, f)
    scratch = os.path.join(tempfile.gettempdir(), 'jsupervisor-fuzz-%d.ini' % os.getpid())
    if os.path.exists(scratch):
        os.remove(scratch)


if __name__ == '__main__':
    main()
