#!/usr/bin/env bash
# Assembles the release archive (mvn -Pdist package runs it, after the jar and the man pages' AsciiDoc):
#   target/tenantctl-VERSION-linux-x86_64.tar.gz
#     bin/tenantctl                      the launcher (src/dist/tenantctl): runs on runtime/, no JDK needed
#     runtime/                           a jlink'ed Java runtime with only the modules jdeps finds in use, and its CDS
#     lib/tenantctl.jar, lib/lib/*.jar   the CLI and its libraries (the jar's manifest names them under lib/)
#     share/man/man1/tenantctl*.1        man pages from the command tree (picocli's generator, then asciidoctor)
#     share/bash-completion/completions/tenantctl   from `tenantctl completion bash` (zsh: source it after bashcompinit)
#     share/tenantctl/example/           the sample fleet: the start-up archive's training run validates it
# Only for the machine's own platform: jlink links the runtime of the JDK it belongs to.
set -euo pipefail
version="$1" target="$2" jdk="$3" basedir="$4"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x86_64 ;;
  Linux-aarch64) platform=linux-aarch64 ;;
  Darwin-arm64) platform=macos-aarch64 ;;
  Darwin-x86_64) platform=macos-x86_64 ;;
  *) echo "dist: no release archive for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac
if ! command -v asciidoctor >/dev/null; then
  echo "dist: asciidoctor is needed for the man pages: apt-get install asciidoctor (or gem install asciidoctor)" >&2
  exit 1
fi
name="tenantctl-$version-$platform"
stage="$target/dist/$name"
rm -rf "$target/dist" "$target/$name.tar.gz"
mkdir -p "$stage/bin" "$stage/lib" "$stage/share/man/man1" "$stage/share/bash-completion/completions" \
  "$stage/share/tenantctl/example"

# the modules the jar and its libraries use, and what they reach only by name: TLS's elliptic curves (AWS endpoints
# negotiate ECDHE) and sun.misc.Unsafe (Jackson, SnakeYAML)
modules="$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
  --class-path "$(ls "$target"/lib/*.jar | tr '\n' :)" "$target/tenantctl.jar" "$target"/lib/*.jar 2>/dev/null | tail -1)"
modules="$modules,jdk.crypto.ec,jdk.unsupported"
"$jdk/bin/jlink" --add-modules "$modules" --output "$stage/runtime" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive
echo "$modules" | tr ',' '\n' > "$stage/runtime/tenantctl-modules.txt"

cp "$target/tenantctl.jar" "$stage/lib/"
# only the libraries the jar's manifest names: target/lib may hold jars of an older build
mkdir -p "$stage/lib/lib"
(cd "$target/dist" && "$jdk/bin/jar" xf "$target/tenantctl.jar" META-INF/MANIFEST.MF)
sed -e 's/\r$//' "$target/dist/META-INF/MANIFEST.MF" | awk '/^Class-Path:/ { on = 1; sub(/^Class-Path: /, ""); printf "%s", $0; next }
  on && /^ / { sub(/^ /, ""); printf "%s", $0; next } { on = 0 }' | tr ' ' '\n' | grep . | while read -r entry; do
  cp "$target/$entry" "$stage/lib/$entry"
done
rm -rf "$target/dist/META-INF"
install -m 755 "$basedir/src/dist/tenantctl" "$stage/bin/tenantctl"
cp "$basedir/fleet.yaml" "$stage/share/tenantctl/example/"
cp -r "$basedir/tenants" "$basedir/templates" "$stage/share/tenantctl/example/"
cp -r "$basedir/schema" "$stage/share/tenantctl/"

TENANTCTL_NO_CDS=1 "$stage/bin/tenantctl" completion bash > "$stage/share/bash-completion/completions/tenantctl"
asciidoctor -b manpage -D "$stage/share/man/man1" "$target/man"/*.adoc

# the archive unpacks into tenantctl-VERSION-PLATFORM/; the start-up archive is made on the first run where it lands
tar -C "$target/dist" -czf "$target/$name.tar.gz" --owner=0 --group=0 "$name"
echo "dist: $target/$name.tar.gz ($(du -h "$target/$name.tar.gz" | cut -f1); modules: $modules)"
