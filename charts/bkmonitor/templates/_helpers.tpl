{{- define "bkmonitor.name" -}}{{ .Release.Name }}-bkmonitor{{- end -}}

{{- define "bkmonitor.labels" -}}
app.kubernetes.io/name: bkmonitor
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "bkmonitor.env" -}}
- name: BKMONITOR_SERVICE_ID
  value: {{ .Values.serviceId | quote }}
- name: BKMONITOR_CLUSTER_ID
  value: {{ .Values.clusterId | quote }}
- name: BKMONITOR_CLUSTERING
  value: redis
- name: BKMONITOR_REDIS__NODES
  value: {{ .Values.redis.nodes | toJson | quote }}
- name: BKMONITOR_REDIS__ROUTERS
  value: {{ .Values.redis.routers | toJson | quote }}
- name: BKMONITOR_POSTGRES__CONNECTIONSTRING
  value: {{ .Values.postgres.connectionString | quote }}
{{- if .Values.postgres.existingSecret }}
- name: BKMONITOR_POSTGRES__PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgres.existingSecret }}
      key: {{ .Values.postgres.passwordKey }}
{{- end }}
- name: BKMONITOR_TIMEZONE
  value: {{ .Values.timeZone | quote }}
- name: BKMONITOR_ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "bkmonitor.name" . }}-admin
      key: token
{{- end -}}
