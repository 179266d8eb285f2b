# Workload for the std/git measurement: the everyday local commands in a
# scratch repository. Identity comes from ~/.gitconfig (written by
# measure.sh into the scratch HOME) so that the read of it is observed.
set -e
git init -q -b main repo
cd repo
printf 'one\n' > a.txt
git add a.txt
git commit -q -m first
printf 'two\n' >> a.txt
git status --short
git diff
git add -A
git commit -q -m second
git log --oneline
git diff HEAD~1 --stat
git status
# The commands that are still shell scripts in git 2.39 (git-core/git-*):
git submodule status
git bisect start HEAD HEAD~1 >/dev/null
git bisect reset >/dev/null 2>&1
