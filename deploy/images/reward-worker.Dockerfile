# scst-bus/reward-worker: bin/reward-worker on the local Debian + JRE base. gRPC (RewardService and
# grpc.health.v1) on 50051, /metrics and /health on 9404; healthy while the health status is SERVING.
ARG BASE
FROM ${BASE}
LABEL io.scstbus.image=true
COPY lib/ /opt/scst-bus/lib/
COPY launcher /usr/local/bin/reward-worker
COPY worker-health /usr/local/bin/worker-health
USER 65532:65532
WORKDIR /var/lib/scst-bus
EXPOSE 50051 9404
HEALTHCHECK --interval=10s --timeout=10s --start-period=180s --retries=6 \
  CMD ["worker-health", "9404"]
ENTRYPOINT ["reward-worker"]
