#!/usr/bin/env bash
# Copyright (c) 2026 kube-anycast authors.
#
# Builds the container image of the distribution without a Docker daemon or registry (docs/operations.md,
# "Container image"); Maven runs it in the karaf-distribution profiles "image" and "e2e":
#
#   build-image.sh ASSEMBLY OUTPUT_DIR VERSION
#
# Three layers, each made with `umoci insert`:
#   1. Debian 12 minbase root filesystem (debootstrap; /bin/sh and glibc for Karaf's scripts and the JVM),
#      plus user/group karaf 1000:1000;
#   2. a jlink'ed Java 17 runtime in /opt/java, from the JDK that runs Maven;
#   3. the distribution in /opt/kube-anycast, owned by 1000:1000, with bin/kube-anycast-entrypoint, the
#      KUBE_ANYCAST_CFG_* check it runs (bin/kube-anycast-cfg-env) and the readiness check (bin/kube-anycast-ready).
# Result: OUTPUT_DIR/kube-anycast-image.tar, an OCI archive (skopeo copy oci-archive:...), tag kube-anycast:VERSION.
#
# Needs root (debootstrap, file ownership), debootstrap, umoci, skopeo, and Debian's mirror (KA_DEBIAN_MIRROR,
# default http://deb.debian.org/debian). The debootstrap root filesystem is cached as a tar in KA_IMAGE_CACHE
# (default ~/.cache/kube-anycast-image); delete it to pick up new Debian updates.
set -euo pipefail

assembly=$(realpath "$1")
out=$(realpath -m "$2")
version=$3
here=$(dirname "$(realpath "$0")")
suite=bookworm
mirror=${KA_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${KA_IMAGE_CACHE:-${HOME:-/root}/.cache/kube-anycast-image}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
# Karaf 4.4 + ODL: java.se plus the jdk.* modules they use (sun.misc.Unsafe, DNS/JNDI, EC and PKCS#11 TLS,
# JMX, SCTP/extended socket options, zip file systems, Kerberos/JAAS for the SSH console, charsets, JFR)
modules=java.se,jdk.unsupported,jdk.naming.dns,jdk.naming.rmi,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,\
jdk.management.agent,jdk.management.jfr,jdk.jfr,jdk.charsets,jdk.net,jdk.sctp,jdk.zipfs,jdk.security.auth,\
jdk.security.jgss,jdk.xml.dom,jdk.attach,jdk.httpserver,jdk.localedata

fail() { echo "build-image.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, files owned by uid 1000 in the image)"
for tool in debootstrap umoci skopeo; do
    command -v "${tool}" >/dev/null || fail "${tool} is missing: apt-get install debootstrap umoci skopeo"
done
[ -x "${assembly}/bin/karaf" ] || fail "no Karaf assembly at ${assembly}"
[ -x "${java_home}/bin/jlink" ] && [ -d "${java_home}/jmods" ] || fail "no jlink/jmods in ${java_home} (JAVA_HOME)"

work="${out}/work"
rm -rf "${work}" "${out}/kube-anycast-image.tar"
mkdir -p "${work}" "${cache}"

# 1. base root filesystem
base_tar="${cache}/debian-${suite}-minbase.tar"
if [ ! -s "${base_tar}" ]; then
    echo "build-image.sh: debootstrap ${suite} minbase from ${mirror} (cached in ${base_tar})"
    debootstrap --variant=minbase "${suite}" "${work}/debootstrap" "${mirror}" > "${work}/debootstrap.log" 2>&1 \
        || { tail -20 "${work}/debootstrap.log" >&2; fail "debootstrap failed"; }
    tar -C "${work}/debootstrap" --numeric-owner -cf "${base_tar}.tmp" .
    mv "${base_tar}.tmp" "${base_tar}"
    rm -rf "${work}/debootstrap"
fi
rootfs="${work}/rootfs"
mkdir -p "${rootfs}"
tar -C "${rootfs}" --numeric-owner -xf "${base_tar}"
# what a container does not need: package caches, docs, man pages, locales; /dev comes from the runtime
rm -rf "${rootfs}"/var/cache/apt/* "${rootfs}"/var/lib/apt/lists/* "${rootfs}"/usr/share/doc/* \
    "${rootfs}"/usr/share/man/* "${rootfs}"/usr/share/info/* "${rootfs}"/usr/share/locale/* \
    "${rootfs}"/var/log/* "${rootfs}"/dev/*
grep -q '^karaf:' "${rootfs}/etc/group" || echo 'karaf:x:1000:' >> "${rootfs}/etc/group"
grep -q '^karaf:' "${rootfs}/etc/passwd" \
    || echo 'karaf:x:1000:1000:kube-anycast:/opt/kube-anycast:/usr/sbin/nologin' >> "${rootfs}/etc/passwd"

# 2. Java runtime
"${java_home}/bin/jlink" --add-modules "${modules}" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --output "${work}/java"

# 3. the distribution (no run-time state of a Karaf that was started in place)
dist="${work}/kube-anycast"
cp -a "${assembly}" "${dist}"
rm -rf "${dist}"/data/cache "${dist}"/data/tmp "${dist}"/data/log "${dist}"/data/kar "${dist}"/data/port \
    "${dist}"/data/karaf.pid "${dist}"/data/idmlight.db* "${dist}"/lock "${dist}"/instances "${dist}"/journal \
    "${dist}"/snapshots
for script in kube-anycast-entrypoint kube-anycast-cfg-env kube-anycast-ready; do
    install -m 0755 "${here}/${script}" "${dist}/bin/${script}"
done
chown -R 1000:1000 "${dist}"

layout="${work}/oci"
image="${layout}:kube-anycast"
umoci init --layout "${layout}"
umoci new --image "${image}"
umoci insert --image "${image}" --history.comment "Debian ${suite} minbase (debootstrap)" "${rootfs}" /
umoci insert --image "${image}" --history.comment "Java 17 runtime (jlink)" "${work}/java" /opt/java
umoci insert --image "${image}" --history.comment "kube-anycast ${version} distribution" "${dist}" \
    /opt/kube-anycast
umoci config --image "${image}" \
    --config.user 1000:1000 \
    --config.workingdir /opt/kube-anycast \
    --config.entrypoint /opt/kube-anycast/bin/kube-anycast-entrypoint \
    --config.exposedports 8181/tcp --config.exposedports 8101/tcp \
    --config.env JAVA_HOME=/opt/java \
    --config.env PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --config.label org.opencontainers.image.title=kube-anycast \
    --config.label "org.opencontainers.image.version=${version}" \
    --history.comment "user 1000, entrypoint, ports 8181 (RESTCONF) 8101 (SSH)"
umoci gc --layout "${layout}"
skopeo copy --quiet "oci:${image}" "oci-archive:${out}/kube-anycast-image.tar:kube-anycast:${version}"
rm -rf "${work}"
echo "build-image.sh: ${out}/kube-anycast-image.tar ($(du -h "${out}/kube-anycast-image.tar" | cut -f1))," \
    "load it with: skopeo copy oci-archive:${out}/kube-anycast-image.tar docker-daemon:kube-anycast:${version}" \
    "(or containers-storage:, docker://REGISTRY/...)"
