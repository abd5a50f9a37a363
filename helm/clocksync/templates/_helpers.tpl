{{/* Chart name, overridable. */}}
{{- define "clocksync.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Base name of every resource: the release name, prefixed with the chart name unless it already
contains it. Truncated to leave room for the longest suffix ("-daemon-leader").
*/}}
{{- define "clocksync.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "clocksync.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Names derived from the base name. */}}
{{- define "clocksync.daemon.fullname" -}}{{ include "clocksync.fullname" . }}-daemon{{- end }}
{{- define "clocksync.agent.fullname" -}}{{ include "clocksync.fullname" . }}-agent{{- end }}
{{/* The agents' headless Service: also the daemon's clocksync.daemon.agent-service-id. */}}
{{- define "clocksync.agent.serviceName" -}}{{ include "clocksync.agent.fullname" . }}{{- end }}
{{/* The agents' node-local Service (kind DaemonSet), for applications. */}}
{{- define "clocksync.agent.localServiceName" -}}{{ include "clocksync.agent.fullname" . }}-local{{- end }}
{{- define "clocksync.leaseName" -}}
{{- default (printf "%s-leader" (include "clocksync.daemon.fullname" .)) .Values.daemon.leader.leaseName }}
{{- end }}
{{- define "clocksync.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "clocksync.daemon.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}
{{- define "clocksync.hmacSecretName" -}}
{{- default (printf "%s-hmac" (include "clocksync.fullname" .)) .Values.hmac.existingSecret }}
{{- end }}

{{/* Labels every resource carries. Call with (dict "ctx" $ "component" "daemon"). */}}
{{- define "clocksync.labels" -}}
helm.sh/chart: {{ include "clocksync.chart" .ctx }}
{{ include "clocksync.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: clocksync
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
{{- with .ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Labels that select one component's pods; never change them on upgrade. */}}
{{- define "clocksync.selectorLabels" -}}
app.kubernetes.io/name: {{ include "clocksync.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Image reference: [registry/]repository:tag[@digest]. global.imageRegistry replaces the image's
registry; the tag defaults to the chart's appVersion. Call with (dict "ctx" $ "image" $image).
*/}}
{{- define "clocksync.image" -}}
{{- $registry := default .image.registry (.ctx.Values.global).imageRegistry }}
{{- $name := .image.repository }}
{{- if $registry }}
{{- $name = printf "%s/%s" $registry .image.repository }}
{{- end }}
{{- $reference := printf "%s:%s" $name (default .ctx.Chart.AppVersion .image.tag) }}
{{- with .image.digest }}
{{- $reference = printf "%s@%s" $reference . }}
{{- end }}
{{- $reference }}
{{- end }}

{{/* imagePullSecrets of every pod: the chart's and global ones, names given either way. */}}
{{- define "clocksync.imagePullSecrets" -}}
{{- $secrets := list }}
{{- range concat .Values.imagePullSecrets ((.Values.global).imagePullSecrets | default list) }}
{{- $secrets = append $secrets (kindIs "string" . | ternary (dict "name" .) .) }}
{{- end }}
{{- with $secrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
The agent container's ports, a list that the container, both agent Services and the host ports
follow. Each: name, port, protocol.
*/}}
{{- define "clocksync.agent.ports" -}}
- name: http
  port: 8081
  protocol: TCP
- name: ntp
  port: {{ .Values.nodeClock.ntp.port }}
  protocol: UDP
{{- end }}

{{/* The node clock mode's checks, shared by the templates it shapes. */}}
{{- define "clocksync.nodeClock.check" -}}
{{- $mode := .Values.nodeClock.mode }}
{{- if not (has $mode (list "observe" "serve" "discipline")) }}
{{- fail (printf "nodeClock.mode must be observe, serve or discipline, got %s" $mode) }}
{{- end }}
{{- if and (ne $mode "observe") (ne .Values.agent.kind "DaemonSet") }}
{{- fail (printf "nodeClock.mode=%s needs agent.kind=DaemonSet: a node's clock is served or disciplined by the agent on that node" $mode) }}
{{- end }}
{{- end }}

{{/* The shared key, from the chart's Secret or an existing one. */}}
{{- define "clocksync.hmacEnv" -}}
- name: CLOCKSYNC_HMAC_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "clocksync.hmacSecretName" . }}
      key: {{ .Values.hmac.existingSecretKey }}
{{- end }}

{{/* Probes on the services' health groups; startup covers JVM start and the agent's warm-up. */}}
{{- define "clocksync.probes" -}}
startupProbe:
  httpGet:
    path: /livez
    port: http
  periodSeconds: 2
  timeoutSeconds: 2
  failureThreshold: 60
livenessProbe:
  httpGet:
    path: /livez
    port: http
  periodSeconds: 10
  timeoutSeconds: 2
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /readyz
    port: http
  periodSeconds: 2
  timeoutSeconds: 2
  failureThreshold: 3
{{- end }}

{{/* Extra environment variables from a name -> value map. */}}
{{- define "clocksync.extraEnv" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end }}

{{/* Pods (or their Services) that the ServiceMonitor or PodMonitor scrapes. */}}
{{- define "clocksync.monitorSelector" -}}
matchLabels:
  app.kubernetes.io/name: {{ include "clocksync.name" . }}
  app.kubernetes.io/instance: {{ .Release.Name }}
matchExpressions:
  - key: app.kubernetes.io/component
    operator: In
    values: [daemon, agent]
{{- end }}

{{/*
One scrape endpoint of the ServiceMonitor or PodMonitor. Call with (dict "ctx" $ "monitor"
$values "pods" true-for-a-PodMonitor). The chart's relabelings come first, the user's after.
*/}}
{{- define "clocksync.monitorEndpoint" -}}
{{- $m := .monitor }}
port: http
path: /actuator/prometheus
interval: {{ $m.interval }}
{{- with $m.scrapeTimeout }}
scrapeTimeout: {{ . }}
{{- end }}
{{- $jobFromComponent := and .pods (not $m.jobLabel) }}
{{- if or $m.zoneLabel $jobFromComponent $m.relabelings }}
relabelings:
  {{- if $jobFromComponent }}
  # The job a ServiceMonitor would give: the Service's name, <fullname>-daemon or <fullname>-agent.
  - sourceLabels:
      - __meta_kubernetes_pod_label_app_kubernetes_io_component
    regex: (.+)
    targetLabel: job
    replacement: {{ include "clocksync.fullname" .ctx }}-$1
  {{- end }}
  {{- if $m.zoneLabel }}
  # Node labels cannot reach a pod's environment through the downward API, so the agents'
  # zone is added here, from the node each scraped agent runs on. Only for agents: the
  # daemon's per-agent series carry each agent's zone themselves.
  - sourceLabels:
      - __meta_kubernetes_pod_label_app_kubernetes_io_component
      - __meta_kubernetes_node_label_topology_kubernetes_io_zone
    separator: ;
    regex: agent;(.+)
    targetLabel: zone
    replacement: $1
  {{- end }}
  {{- with $m.relabelings }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}
{{- with $m.metricRelabelings }}
metricRelabelings:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* A workload's update strategy: rollingUpdate only goes with type RollingUpdate. */}}
{{- define "clocksync.updateStrategy" -}}
type: {{ .type }}
{{- if and (eq .type "RollingUpdate") .rollingUpdate }}
rollingUpdate:
  {{- toYaml .rollingUpdate | nindent 2 }}
{{- end }}
{{- end }}
