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
{{- end }}

{{/* Labels that select one component's pods; never change them on upgrade. */}}
{{- define "clocksync.selectorLabels" -}}
app.kubernetes.io/name: {{ include "clocksync.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "clocksync.image" -}}
{{- $tag := default .ctx.Chart.AppVersion .image.tag }}
{{- printf "%s:%s" .image.repository $tag }}
{{- end }}

{{/* Pod-level security context: numeric non-root user of the images, seccomp RuntimeDefault. */}}
{{- define "clocksync.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Container-level security context. The only writable path is the emptyDir at /tmp. */}}
{{- define "clocksync.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
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
