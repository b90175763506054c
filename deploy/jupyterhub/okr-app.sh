#!/bin/sh
# The participants' app server number N (0, 1, …) for Zero to JupyterHub: a Deployment, its Service and a
# NetworkPolicy. Server 0 is the Hub service "okr-app", server N the service "okr-app-N" (values.yaml).
#   ./okr-app.sh 3 | kubectl apply -f -
# Each holds at most 40 pages (a kernel each, ~74 MiB): memory below is 40 x 74 MiB + the server.
set -eu
N="${1:?usage: okr-app.sh N}"
NAME=okr-app; [ "$N" -eq 0 ] || NAME="okr-app-$N"
IMAGE="${OKR_APP_IMAGE:-ghcr.io/example/okr-workshop:latest}"
cat <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: okr-app-$N, labels: {app.kubernetes.io/name: okr-app}}
spec:
  replicas: 1   # one per service: a page and its kernel's websocket must reach the same server
  strategy: {type: Recreate}
  selector: {matchLabels: {app.kubernetes.io/name: okr-app, okr.shard: "$N"}}
  template:
    metadata:
      labels: {app.kubernetes.io/name: okr-app, okr.shard: "$N", hub.jupyter.org/network-access-hub: "true"}
    spec:
      securityContext: {runAsUser: 1000, runAsNonRoot: true, fsGroup: 100}
      containers:
        - name: app
          image: $IMAGE
          command: ["python", "-m", "okr_workshop.app.hub"]
          ports: [{containerPort: 8866}]
          env:
            - {name: OKR_WORKSHOP, valueFrom: {secretKeyRef: {name: okr-store, key: url}}}
            - {name: PGPASSWORD, valueFrom: {secretKeyRef: {name: okr-store, key: password, optional: true}}}
            # pages in all, per team, seconds for a page's browser to connect: a big room's teams have
            # 6-10 people, each on their own laptop (okr-workshop app allows 6 per team)
            - {name: OKR_APP_LIMITS, value: "40,10,60"}
            - {name: JUPYTERHUB_API_TOKEN, valueFrom: {secretKeyRef: {name: hub, key: "hub.services.$NAME.apiToken"}}}
            - {name: JUPYTERHUB_API_URL, value: "http://hub:8081/hub/api"}
            - {name: JUPYTERHUB_BASE_URL, value: "/"}
            - {name: JUPYTERHUB_SERVICE_NAME, value: "$NAME"}
            - {name: JUPYTERHUB_SERVICE_URL, value: "http://0.0.0.0:8866"}
            - {name: JUPYTERHUB_SERVICE_PREFIX, value: "/services/$NAME/"}
            - {name: JUPYTERHUB_CLIENT_ID, value: "service-$NAME"}
            - {name: JUPYTERHUB_OAUTH_CALLBACK_URL, value: "/services/$NAME/oauth_callback"}
          resources:
            requests: {cpu: "1", memory: 3200Mi}
            limits: {cpu: "2", memory: 4Gi}
          readinessProbe:
            httpGet: {path: "/services/$NAME/voila/static/voila.js", port: 8866}
            periodSeconds: 10
---
apiVersion: v1
kind: Service
metadata: {name: $NAME-http, labels: {app.kubernetes.io/name: okr-app}}
spec:
  selector: {app.kubernetes.io/name: okr-app, okr.shard: "$N"}
  ports: [{port: 8866, targetPort: 8866}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: okr-app-$N}
spec:
  podSelector: {matchLabels: {app.kubernetes.io/name: okr-app, okr.shard: "$N"}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {component: proxy}}}]   # only the Hub's proxy reaches the app
      ports: [{port: 8866}]
YAML
