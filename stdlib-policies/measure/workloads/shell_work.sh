# Workload for the std/shell measurement (run with /bin/sh and with bash):
# a pipeline over the utilities std/shell grants, each used once the way an
# agent's scripts use them. mktemp writes into /tmp: std/shell does not
# grant that (see shell.nono); the including policy does if it wants it.
set -e
tmp=$(mktemp)
ls -la . > "$tmp"
cat "$tmp" | grep -v '^total' | sed 's/  */ /g' | awk '{ print $NF }' | sort | uniq > list.txt
cp list.txt copy.txt
mv copy.txt moved.txt
mkdir -p d/e
echo hello > d/f
touch d/e/g
ln -s f d/link
chmod 600 d/f
readlink d/link > /dev/null
realpath d/link > /dev/null
basename "$PWD/d/f" > /dev/null
dirname "$PWD/d/f" > /dev/null
stat -c '%s %n' d/f > /dev/null
find d -type f -name '*' | xargs wc -c > /dev/null
find d -name g -exec test -f {} \; -print > /dev/null
printf 'a,1\nb,2\n' | cut -d, -f2 | tr '12' 'xy' | tee d/cut.txt > /dev/null
paste list.txt list.txt > /dev/null
sort list.txt > s1; sort moved.txt > s2; comm -12 s1 s2 > /dev/null
diff -u list.txt moved.txt > d/p.diff || true
cmp -s list.txt moved.txt
echo extra >> moved.txt
diff -u list.txt moved.txt > d/p.diff || true
patch -s list.txt < d/p.diff
sha256sum list.txt > /dev/null
date -u +%Y > /dev/null
seq 1 3 > /dev/null
sleep 0
env true
/usr/bin/true; /usr/bin/false || /usr/bin/echo -n; /usr/bin/printf '' ; /usr/bin/test -d d
wc -l list.txt moved.txt > /dev/null
head -n 1 list.txt > /dev/null; tail -n 1 list.txt > /dev/null
rm -f "$tmp" moved.txt s1 s2
rmdir d/e 2>/dev/null || rm -r d/e
rm -r d
