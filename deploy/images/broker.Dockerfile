# scst-bus/broker: the project's single-node KRaft broker (bin/broker, Kafka's own server) for machines
# that cannot pull apache/kafka. Listens on localhost:9092: run it with host networking
# (docker-compose.local.yml). Healthy when the client port accepts connections.
ARG BASE
FROM ${BASE}
LABEL io.scstbus.image=true
COPY lib/ /opt/scst-bus/lib/
COPY launcher /usr/local/bin/broker
USER 65532:65532
WORKDIR /var/lib/kafka
EXPOSE 9092
HEALTHCHECK --interval=5s --timeout=5s --start-period=60s --retries=12 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9092"]
ENTRYPOINT ["broker"]
CMD ["--port", "9092", "--data-dir", "/var/lib/kafka/data"]
