"""Known vulnerabilities (pip-audit, PyPI's advisory data) in what the project installs: its
dependencies and test tools at their installed versions, not itself, pip or the auditor's own
packages. A known vulnerability fails the run, naming the version that fixes it. A package the
service could not be asked about is counted and the first reason printed; that fails the run
only with AUDIT_STRICT=1 (behind a package mirror that does not answer PyPI's per-version JSON,
every package comes back unaudited)."""

import json, os, subprocess, sys, tempfile, time
from importlib.metadata import distribution
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name as key

pins, seen, todo = {}, set(), [('infogen', ('test',))]
while todo:
    name, extras = todo.pop()
    dist = distribution(name)
    for extra in ('', *extras):
        if (key(name), extra) in seen:
            continue
        seen.add((key(name), extra))
        for req in map(Requirement, dist.requires or []):
            if key(req.name) != 'pip-audit' and (req.marker is None or req.marker.evaluate({'extra': extra})):
                todo.append((req.name, tuple(req.extras)))
    if key(name) != 'infogen':
        pins[key(name)] = dist.version

with tempfile.TemporaryDirectory() as tmp:
    pinned, report = os.path.join(tmp, 'requirements.txt'), os.path.join(tmp, 'audit.json')
    with open(pinned, 'w') as out:
        for name, version in sorted(pins.items()):
            print(f'{name}=={version}', file=out)
    started = time.monotonic()
    run = subprocess.run([sys.executable, '-m', 'pip_audit', '-r', pinned, '--no-deps', '--disable-pip',
                          '--progress-spinner', 'off', '-f', 'json', '-o', report],
                         env={**os.environ, 'PIP_AUDIT_LOGLEVEL': 'error'}, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if not os.path.exists(report):
        sys.exit(run.stdout + run.stderr)
    with open(report) as data:
        packages = json.load(data)['dependencies']

skipped = [p for p in packages if 'skip_reason' in p]
found = [(p, v) for p in packages for v in p.get('vulns', [])]
for package, vuln in found:
    name, version, ident = package['name'], package['version'], vuln['id']
    fixed = ', '.join(vuln['fix_versions']) or 'no fixed version yet'
    print(f'pip-audit: {name} {version} has {ident}, fixed in {fixed}')
print(f'pip-audit: {len(packages) - len(skipped)} of {len(packages)} packages audited, '
      f'{len(found)} known vulnerabilities ({seconds:.1f} s)')
if skipped:
    reason = skipped[0]['skip_reason']
    print(f'pip-audit: {len(skipped)} not audited, the first: {reason}')
sys.exit(1 if found or (skipped and os.environ.get('AUDIT_STRICT')) else 0)
