#!/bin/sh
# minio-init (docker-compose.yml): the bucket, its notifications into Kafka, and one MinIO user per Recast
# service whose policy (policies/<service>.json) lets it read only what its stage owns and write only its
# own artifacts. The services never see the root credentials.
set -eu
mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing "local/$RECAST_BUCKET"
mc event add --ignore-existing "local/$RECAST_BUCKET" arn:minio:sqs::RECAST:kafka --event put --prefix incoming/

for service in ingest transcriber insights lead-magnet-writer framework-article-writer scoreboard; do
  variable="RECAST_S3_SECRET_$(echo "$service" | tr 'a-z-' 'A-Z_')"
  secret=$(printenv "$variable")
  sed "s/RECAST_BUCKET/$RECAST_BUCKET/g" "/recast-minio/policies/$service.json" > "/tmp/$service.json"
  mc admin policy create local "recast-$service" "/tmp/$service.json"
  mc admin user add local "recast-$service" "$secret"
  mc admin policy attach local "recast-$service" --user "recast-$service" || true  # already attached on a re-run
done
