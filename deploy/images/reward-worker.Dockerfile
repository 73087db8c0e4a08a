# scst-bus/reward-worker: bin/reward-worker on the local Debian + JRE base. gRPC (RewardService and
# grpc.health.v1) on 50051, /metrics on 9404; healthy when the health service answers SERVING.
ARG BASE
FROM ${BASE}
LABEL io.scstbus.image=true
COPY lib/ /opt/scst-bus/lib/
COPY launcher /usr/local/bin/reward-worker
COPY launcher /usr/local/bin/reward-worker-health
USER 65532:65532
WORKDIR /var/lib/scst-bus
EXPOSE 50051 9404
HEALTHCHECK --interval=20s --timeout=60s --start-period=180s --retries=6 \
  CMD ["reward-worker-health", "--port", "50051"]
ENTRYPOINT ["reward-worker"]
