# scst-bus/trainer: bin/trainer (entrypoint) and replay on the local Debian + JRE base.
# Built by deploy/build-local-images.sh from trainer/target (the module jar and target/lib).
ARG BASE
FROM ${BASE}
LABEL io.scstbus.image=true
COPY lib/ /opt/scst-bus/lib/
COPY launcher /usr/local/bin/trainer
COPY launcher /usr/local/bin/replay
ENV DJL_CACHE_DIR=/tmp/djl.ai
USER 65532:65532
WORKDIR /var/lib/scst-bus
ENTRYPOINT ["trainer"]
