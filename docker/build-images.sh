#!/usr/bin/env bash
# Builds kpool's Docker images on a machine that reaches no image registry — only a Debian mirror
# (for the Java base image) and the jars Maven already built.
#
#   kpool/java17-base            Debian bookworm (debootstrap --variant=minbase) + openjdk-17-jre-headless,
#                                turned into an image with `docker import`; built once, then reused
#   kpool/producer-app, kpool/consumer-app, kpool/pool-worker
#                                docker/services/Dockerfile on that base (BASE_IMAGE build argument),
#                                one build stage per service (--target <service>)
#   kpool/kafka:<kafka.version>  a drop-in for apache/kafka built from Kafka's Maven Central jars
#                                (kafka-local/target/lib): same KAFKA_* variables, same /etc/kafka/docker/run
#
# It writes docker/offline.env, which points compose at these images instead of the public ones:
#   docker compose --env-file docker/offline.env -f docker/compose.yaml up
# and Testcontainers takes the Kafka image from -Dkpool.kafka.image=kpool/kafka:<kafka.version>.
#
# Usage: docker/build-images.sh [--rebuild-base]
# Needs: root (debootstrap), debootstrap, a running Docker engine, Java 17 + Maven if the jars are missing.
# Environment: DEBIAN_MIRROR     the Debian mirror (default: the first one in this machine's apt sources,
#                                else http://deb.debian.org/debian)
#              ROOTFS_CACHE_DIR  where the base image's root file system is assembled (default /var/cache/kpool)
# (Not KPOOL_*: the services read KPOOL_* variables as kpool settings, and warn about unknown ones.)
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8

rebuild_base=false
case "${1:-}" in
  --rebuild-base) rebuild_base=true ;;
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  "") ;;
  *) echo "build-images.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
esac

kafka_version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml | head -n 1)
base_image=kpool/java17-base
kafka_image=kpool/kafka:$kafka_version
services=(producer-app consumer-app pool-worker)
cache_dir=${ROOTFS_CACHE_DIR:-/var/cache/kpool}

say() { printf '\n== %s\n' "$*"; }
timed() { # timed LABEL COMMAND...: runs the command and reports how long it took
  local label=$1 start=$SECONDS
  shift
  "$@"
  echo "-- $label: $((SECONDS - start)) s"
}

quietly() { # quietly LOG COMMAND...: runs the command with its output in LOG, shown only if it fails
  local log=$1
  shift
  "$@" > "$log" 2>&1 || { tail -n 30 "$log"; echo "failed: $* (whole log: $log)" >&2; return 1; }
}

debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local found
  found=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
    | sed -n -e 's|^URIs:[[:space:]]*\(http://[^[:space:]]*/debian\)/\{0,1\}$|\1|p' \
             -e 's|^deb[[:space:]]\{1,\}\(http://[^[:space:]]*/debian\)/\{0,1\}[[:space:]].*|\1|p' | head -n 1)
  echo "${found:-http://deb.debian.org/debian}"
}

build_jars() {
  local missing=() modules="producer-app,consumer-app,kafka-local"
  [ -d pool-worker ] && modules="$modules,pool-worker"
  for jar in producer-app/target/producer-app.jar consumer-app/target/consumer-app.jar \
             "kafka-local/target/lib/kafka_2.13-$kafka_version.jar"; do
    [ -f "$jar" ] || missing+=("$jar")
  done
  if [ -d pool-worker ] && [ ! -f pool-worker/target/pool-worker.jar ]; then missing+=(pool-worker/target/pool-worker.jar); fi
  if [ ${#missing[@]} -eq 0 ]; then
    echo "jars present (mvn -DskipTests package rebuilds them)"
    return
  fi
  echo "missing: ${missing[*]}"
  mvn -B -ntp -q -DskipTests package -pl "$modules" -am
}

build_base() {
  if ! $rebuild_base && docker image inspect "$base_image" >/dev/null 2>&1; then
    echo "$base_image exists (--rebuild-base makes it again)"
    return
  fi
  command -v debootstrap >/dev/null || { echo "debootstrap is not installed (apt-get install debootstrap)" >&2; exit 1; }
  local mirror rootfs java_home
  mirror=$(debian_mirror)
  rootfs="$cache_dir/java17-rootfs"
  rm -rf "$rootfs"
  mkdir -p "$rootfs"
  echo "debootstrap bookworm from $mirror into $rootfs"
  timed debootstrap quietly "$cache_dir/debootstrap.log" \
    debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$mirror"
  # What an image never needs: the downloaded packages, apt's lists, documentation.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
         "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*.log
  java_home=$(cd "$rootfs" && ls -d usr/lib/jvm/java-17-openjdk-* | head -n 1)
  timed "docker import" sh -c "tar -C '$rootfs' --numeric-owner -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' --change 'ENV JAVA_HOME=/$java_home' --change 'CMD [\"/bin/bash\"]' \
    --message 'Debian bookworm minbase + openjdk-17-jre-headless (kpool docker/build-images.sh)' - '$base_image' >/dev/null"
  rm -rf "$rootfs"
}

build_image() { # build_image TAG DOCKERFILE [--build-arg ...]
  local tag=$1 dockerfile=$2
  shift 2
  timed "image $tag" quietly "$cache_dir/docker-build.log" \
    docker build -f "$dockerfile" --build-arg "BASE_IMAGE=$base_image" "$@" -t "$tag" .
}

mkdir -p "$cache_dir"
say "Jars"
build_jars
say "Java 17 base image ($base_image)"
build_base
say "Service images"
for service in "${services[@]}"; do
  if [ -f "$service/target/$service.jar" ]; then
    build_image "kpool/$service:latest" docker/services/Dockerfile --target "$service"
  else
    echo "skipped kpool/$service: no $service/target/$service.jar"
  fi
done
say "Kafka image ($kafka_image, a drop-in for apache/kafka:$kafka_version)"
build_image "$kafka_image" docker/kafka/Dockerfile --build-arg "KAFKA_VERSION=$kafka_version"

cat > docker/offline.env <<EOF
# Written by docker/build-images.sh: compose uses the images built here instead of pulling public ones.
KAFKA_IMAGE=$kafka_image
JAVA_BASE_IMAGE=$base_image
EOF

say "Images"
docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep '^kpool/' | sort
cat <<EOF

Use them:
  docker compose --env-file docker/offline.env -f docker/compose.yaml up          (compose v1: docker-compose)
  mvn verify -Dkpool.test.broker=docker -Dkpool.kafka.image=$kafka_image          (Testcontainers)
EOF
