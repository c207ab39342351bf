#!/usr/bin/env bash
# Provisions WildFly for Postilion: unpacks the distribution and applies this folder's configure-*.cli
# scripts with the embedded (offline) CLI, in the order listed below.
#
# usage: provision.sh WILDFLY_DIST_ZIP POSTGRESQL_JAR TARGET_DIR
#
# The target directory is rebuilt only when an input changed: a hash of the zip's name, the driver's name
# and the scripts is kept in TARGET_DIR/.postilion-provisioned.
set -euo pipefail

dist_zip=$1
pg_jar=$2
target=$3
here=$(cd "$(dirname "$0")" && pwd)
scripts=(configure-datasource.cli configure-messaging.cli configure-postilion.cli configure-observability.cli)

stamp=$( { basename "$dist_zip"; basename "$pg_jar"; for s in provision.sh "${scripts[@]}"; do cat "$here/$s"; done; } \
         | sha256sum | cut -d' ' -f1)
if [[ -f "$target/.postilion-provisioned" && "$(cat "$target/.postilion-provisioned")" == "$stamp" ]]; then
    echo "provision: $target is up to date"
    exit 0
fi

jar=${JAVA_HOME:+$JAVA_HOME/bin/}jar
mkdir -p "$(dirname "$target")"
work=$(mktemp -d "$(dirname "$target")/wildfly-unpack.XXXXXX")
trap 'rm -rf "$work"' EXIT
cli="$work/provision.cli"
{
    echo "embed-server --server-config=standalone-full.xml --std-out=discard"
    for s in "${scripts[@]}"; do cat "$here/$s"; echo; done
    echo "stop-embedded-server"
} > "$cli"

# unpacks a fresh server and applies the scripts to it; false if the CLI failed
provision() {
    echo "provision: unpacking $(basename "$dist_zip")"
    rm -rf "$work"/wildfly-* "$target"
    (cd "$work" && "$jar" xf "$dist_zip")
    mv "$work"/wildfly-* "$target"
    chmod +x "$target"/bin/*.sh
    echo "provision: applying ${scripts[*]}"
    "$target/bin/jboss-cli.sh" -Dpostilion.postgresql.jar="$pg_jar" --file="$cli" > "$work/cli.log" 2>&1
}
# the embedded server now and then refuses an operation with a RejectedExecutionException while it is still
# starting (seen once on a loaded machine); a half-applied configuration cannot be re-applied, so the whole
# server is unpacked again for the second attempt
if ! provision; then
    cat "$work/cli.log"
    echo "provision: the CLI scripts failed; trying once more on a fresh copy" >&2
    provision || {
        cat "$work/cli.log"
        echo "provision: the CLI scripts failed" >&2
        exit 1
    }
fi
# the embedded server leaves a history of its own; the provisioned server starts clean
rm -rf "$target"/standalone/data "$target"/standalone/log "$target"/standalone/configuration/standalone_xml_history
echo "$stamp" > "$target/.postilion-provisioned"
echo "provision: WildFly ready in $target"
