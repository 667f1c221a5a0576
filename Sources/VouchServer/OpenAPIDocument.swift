// The OpenAPI document served at /openapi.yaml: openapi.yaml at the
// repository root between the delimiters (ServiceTests checks they are
// equal). After editing openapi.yaml, regenerate this file with:
//   { sed -n 1,6p Sources/VouchServer/OpenAPIDocument.swift; cat openapi.yaml; printf '\n"""#\n}\n'; } > /tmp/o && mv /tmp/o Sources/VouchServer/OpenAPIDocument.swift
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: Vouch pre-send check service
  version: 1.0.0
  description: |
    `vouch serve`: check a draft against an incident's facts before it is sent,
    compose approved messages, keep incident facts (versioned) and the log of
    sent messages. Every error is JSON `{"error": "<code>", "detail": "<what and where>"}`.
    Routes under /v1/ need `Authorization: Bearer <token>` when the server has
    tokens: `reader` may check, compose and read; `editor` may also change
    incidents and record messages. Request bodies over the limit (default
    1 MiB) get 413.
servers:
  - url: http://127.0.0.1:8080
security:
  - bearer: []
paths:
  /v1/check:
    post:
      summary: Check a draft; the response is exactly `vouch check --format json`.
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/CheckRequest" }
            example: { text: "The issue is resolved.", audience: customer, incident: INC-221 }
      responses:
        "200":
          description: The check report (contract json-output.md); `path` is the request's `path`, default `<request>`.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/CheckReport" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/NotFound" }
        "413": { $ref: "#/components/responses/TooLarge" }
  /v1/compose:
    post:
      summary: Fill the approved template for a channel from the facts, checked.
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/ComposeRequest" }
      responses:
        "200":
          description: The composed message.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Composed" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/NotFound" }
        "413": { $ref: "#/components/responses/TooLarge" }
        "422":
          description: The facts do not support the state, facts the message needs are missing, or the composed text has findings.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Error" }
  /v1/incidents:
    get:
      summary: Every incident's current version.
      responses:
        "200":
          description: Incidents by id.
          content:
            application/json:
              schema:
                type: object
                required: [incidents]
                properties:
                  incidents:
                    type: array
                    items: { $ref: "#/components/schemas/IncidentSummary" }
        "401": { $ref: "#/components/responses/Unauthorized" }
  /v1/incidents/{id}:
    parameters:
      - $ref: "#/components/parameters/IncidentId"
    get:
      summary: The current facts (or `?version=N`) and the version history.
      parameters:
        - name: version
          in: query
          required: false
          schema: { type: integer, minimum: 1 }
      responses:
        "200":
          description: The incident.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Incident" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/NotFound" }
    put:
      summary: Append a new facts version (editor). The body is a facts file, YAML or JSON (contract facts.md).
      parameters:
        - name: If-Match
          in: header
          required: false
          description: The version this update is based on (`"3"`); 412 when another is current.
          schema: { type: string }
      requestBody:
        required: true
        content:
          application/yaml:
            schema: { type: string }
          application/json:
            schema: { type: object }
      responses:
        "200": { description: A new version was appended (or the body equals the current version; nothing appended)., content: { application/json: { schema: { $ref: "#/components/schemas/Incident" } } } }
        "201": { description: The incident was created with version 1., content: { application/json: { schema: { $ref: "#/components/schemas/Incident" } } } }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "403": { $ref: "#/components/responses/Forbidden" }
        "409": { description: Another writer appended a version meanwhile; retry., content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
        "412": { description: If-Match names a version that is not current., content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
        "413": { $ref: "#/components/responses/TooLarge" }
  /v1/incidents/{id}/messages:
    parameters:
      - $ref: "#/components/parameters/IncidentId"
    get:
      summary: Messages sent about this incident, oldest first.
      responses:
        "200":
          description: The messages.
          content:
            application/json:
              schema:
                type: object
                required: [messages]
                properties:
                  messages:
                    type: array
                    items: { $ref: "#/components/schemas/Message" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/NotFound" }
    post:
      summary: Record a message that was sent (editor), against the current facts version.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [channel, audience, text, sender]
              properties:
                channel: { type: string, maxLength: 64, description: "Where it was sent: email, chat, status-page, ..." }
                audience: { $ref: "#/components/schemas/Audience" }
                text: { type: string }
                sender: { type: string }
      responses:
        "201": { description: Recorded., content: { application/json: { schema: { $ref: "#/components/schemas/Message" } } } }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "403": { $ref: "#/components/responses/Forbidden" }
        "404": { $ref: "#/components/responses/NotFound" }
        "413": { $ref: "#/components/responses/TooLarge" }
  /healthz:
    get:
      summary: Liveness and store check (no token needed).
      security: []
      responses:
        "200": { description: OK, content: { application/json: { schema: { type: object, properties: { status: { const: ok } } } } } }
        "503": { description: The store does not answer., content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
  /metrics:
    get:
      summary: Prometheus metrics (no token needed: requests, latency histogram, findings by category).
      security: []
      responses:
        "200": { description: Prometheus text format 0.0.4., content: { text/plain: { schema: { type: string } } } }
  /openapi.yaml:
    get:
      summary: This document (no token needed).
      security: []
      responses:
        "200": { description: OpenAPI 3.1 YAML., content: { application/yaml: { schema: { type: string } } } }
  /:
    get:
      summary: The review page (no token needed; the page asks for one when the server has tokens).
      security: []
      responses:
        "200": { description: HTML., content: { text/html: { schema: { type: string } } } }
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
  parameters:
    IncidentId:
      name: id
      in: path
      required: true
      schema: { type: string, pattern: "^[A-Za-z0-9._-]{1,64}$" }
  responses:
    BadRequest:
      description: Malformed JSON, a wrong field, or invalid facts; `detail` names the field (and line) and the reason.
      content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } }
    Unauthorized:
      description: Missing or wrong token.
      content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } }
    Forbidden:
      description: A reader token tried to write.
      content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } }
    NotFound:
      description: No such incident, version or route.
      content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } }
    TooLarge:
      description: The request body is over the limit.
      content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } }
  schemas:
    Error:
      type: object
      required: [error, detail]
      properties:
        error: { type: string, description: "A short code: bad_request, invalid_facts, unauthorized, forbidden, not_found, too_large, conflict, precondition_failed, cannot_compose, internal." }
        detail: { type: string }
    Audience:
      type: string
      enum: [customer, public, internal]
    Facts:
      description: The facts (contract facts.md) as YAML/JSON text or as a JSON object.
      oneOf:
        - type: string
        - type: object
    CheckRequest:
      type: object
      additionalProperties: false
      required: [text]
      properties:
        text: { type: string }
        audience: { $ref: "#/components/schemas/Audience" }
        facts: { $ref: "#/components/schemas/Facts" }
        incident: { type: string, description: Check against this stored incident's current facts (instead of `facts`). }
        disable: { type: array, items: { type: string }, description: Rule ids or id prefixes to leave out. }
        path: { type: string, description: "The draft's name in the report (default `<request>`)." }
    CheckReport:
      type: object
      required: [version, files]
      properties:
        version: { const: 1 }
        files:
          type: array
          items:
            type: object
            required: [path, findings]
            properties:
              path: { type: string }
              findings:
                type: array
                items: { $ref: "#/components/schemas/Finding" }
    Finding:
      type: object
      required: [rule, severity, message, match, line, column, range]
      properties:
        rule: { type: string }
        severity: { type: string, enum: [error, warning, info] }
        message: { type: string }
        match: { type: string }
        line: { type: integer }
        column: { type: integer, description: Extended grapheme clusters from the line start, 1-based. }
        range:
          type: object
          description: UTF-8 byte offsets of `match` in `text`.
          properties:
            start: { type: integer }
            end: { type: integer }
        fact: { type: string }
        suggestion: { type: string }
    ComposeRequest:
      type: object
      additionalProperties: false
      required: [channel]
      properties:
        channel: { type: string, enum: [customer-reply, status-page, handoff, support-brief] }
        state: { type: string, enum: [investigating, identified, mitigated, fixed] }
        format: { type: string, enum: [text, markdown, json] }
        timezone: { type: string, description: IANA time zone for times (default UTC). }
        facts: { $ref: "#/components/schemas/Facts" }
        incident: { type: string }
    Composed:
      type: object
      properties:
        channel: { type: string }
        state: { type: string }
        format: { type: string }
        template: { type: string }
        text: { type: string }
        output: { type: string }
    IncidentSummary:
      type: object
      properties:
        id: { type: string }
        title: { type: string }
        status: { type: string }
        version: { type: integer }
        updated_at: { type: string, format: date-time }
        updated_by: { type: string }
    Incident:
      type: object
      properties:
        id: { type: string }
        title: { type: string }
        status: { type: string }
        version: { type: integer, description: The version shown. }
        current_version: { type: integer }
        facts: { type: string, description: The facts text exactly as it was put. }
        history:
          type: array
          items:
            type: object
            properties:
              version: { type: integer }
              author: { type: string }
              created_at: { type: string, format: date-time }
              changes:
                type: array
                items:
                  type: object
                  properties:
                    path: { type: string }
                    from: { type: [string, "null"] }
                    to: { type: [string, "null"] }
    Message:
      type: object
      properties:
        id: { type: integer }
        incident: { type: string }
        channel: { type: string }
        audience: { $ref: "#/components/schemas/Audience" }
        sender: { type: string }
        sent_at: { type: string, format: date-time }
        facts_version: { type: integer }
        text: { type: string }

"""#
}
