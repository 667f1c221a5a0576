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
    incidents and record messages. Authorization is decided on the route the
    router matched; a path that is not written canonically (`//`, `/./`,
    `%2F`) is 400. Without tokens (a loopback-only server) every request must
    name a loopback `Host`, and a request that changes anything must send a
    JSON (or, for facts, YAML) `Content-Type` and no foreign `Origin`, so a web
    page cannot reach the server through the user's browser. Request bodies
    over the limit (default 1 MiB) get 413; a request whose work passes the
    server's request timeout, or whose client goes away, is stopped and gets
    503; a store that fails (disk full, corrupt file) gives 503 naming what
    failed. Lists are paged newest first: `?limit=L&before=CURSOR`, with
    `next_before` the cursor of the next page (null on the last).
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
        "403": { $ref: "#/components/responses/Forbidden" }
        "404": { $ref: "#/components/responses/NotFound" }
        "413": { $ref: "#/components/responses/TooLarge" }
        "415": { $ref: "#/components/responses/UnsupportedMediaType" }
        "503": { $ref: "#/components/responses/Unavailable" }
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
        "415": { $ref: "#/components/responses/UnsupportedMediaType" }
        "503": { $ref: "#/components/responses/Unavailable" }
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
        "503": { $ref: "#/components/responses/Unavailable" }
  /v1/incidents/{id}:
    parameters:
      - $ref: "#/components/parameters/IncidentId"
    get:
      summary: The current facts (or `?version=N`) and one page of the version history, newest first.
      parameters:
        - name: version
          in: query
          required: false
          schema: { type: integer, minimum: 1 }
        - $ref: "#/components/parameters/Limit"
        - name: before
          in: query
          required: false
          description: Only versions older than this one (the `next_before` of the page before).
          schema: { type: integer, minimum: 1 }
      responses:
        "200":
          description: The incident; `ETag` is its current version (`"N"`).
          headers:
            ETag: { schema: { type: string } }
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Incident" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/NotFound" }
        "503": { $ref: "#/components/responses/Unavailable" }
    put:
      summary: Append a new facts version (editor). The body is a facts file, YAML or JSON (contract facts.md).
      parameters:
        - name: If-Match
          in: header
          required: false
          description: 'The version this update is based on (`"3"`, a list `"2", "3"`, or `*` for "the incident exists"); 412 otherwise. Weak tags (`W/"3"`) never match.'
          schema: { type: string }
        - name: If-None-Match
          in: header
          required: false
          description: '`*`: create only; 412 when the incident exists.'
          schema: { type: string }
      requestBody:
        required: true
        content:
          application/yaml:
            schema: { type: string }
          application/json:
            schema: { type: object }
      responses:
        "200": { description: "A new version was appended (or the body equals the current version; nothing appended). The answer is that version without the history; `ETag` is its number.", content: { application/json: { schema: { $ref: "#/components/schemas/FactsVersion" } } } }
        "201": { description: The incident was created with version 1., content: { application/json: { schema: { $ref: "#/components/schemas/FactsVersion" } } } }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "403": { $ref: "#/components/responses/Forbidden" }
        "409": { description: Another writer appended a version meanwhile; retry., content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
        "412": { description: If-Match or If-None-Match does not hold., content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
        "413": { $ref: "#/components/responses/TooLarge" }
        "415": { $ref: "#/components/responses/UnsupportedMediaType" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /v1/incidents/{id}/messages:
    parameters:
      - $ref: "#/components/parameters/IncidentId"
    get:
      summary: One page of the messages sent about this incident, newest first.
      parameters:
        - $ref: "#/components/parameters/Limit"
        - name: before
          in: query
          required: false
          description: Only messages with a smaller id (the `next_before` of the page before).
          schema: { type: integer, minimum: 1 }
      responses:
        "200":
          description: The messages.
          content:
            application/json:
              schema:
                type: object
                required: [messages, next_before]
                properties:
                  messages:
                    type: array
                    items: { $ref: "#/components/schemas/Message" }
                  next_before: { type: [integer, "null"] }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/NotFound" }
        "503": { $ref: "#/components/responses/Unavailable" }
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
                channel: { type: string, maxLength: 64, description: "Where it was sent: email, chat, status-page, ... (no control characters)" }
                audience: { $ref: "#/components/schemas/Audience" }
                text: { type: string }
                sender: { type: string, maxLength: 64, description: "Who sent it (no control characters)." }
      responses:
        "201": { description: Recorded., content: { application/json: { schema: { $ref: "#/components/schemas/Message" } } } }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "403": { $ref: "#/components/responses/Forbidden" }
        "404": { $ref: "#/components/responses/NotFound" }
        "413": { $ref: "#/components/responses/TooLarge" }
        "415": { $ref: "#/components/responses/UnsupportedMediaType" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /healthz:
    get:
      summary: Liveness (no token needed) — the process runs and the store answers a read.
      security: []
      responses:
        "200": { description: OK, content: { application/json: { schema: { type: object, properties: { status: { const: ok } } } } } }
        "503": { description: The store does not answer., content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
  /readyz:
    get:
      summary: Readiness (no token needed) — the store can also write (a one-row heartbeat).
      security: []
      responses:
        "200": { description: Ready., content: { application/json: { schema: { type: object, properties: { status: { const: ready } } } } } }
        "503": { description: "The store cannot write; `detail` names why (disk full, corrupt or read-only file).", content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
  /metrics:
    get:
      summary: "Prometheus metrics (no token needed): requests, latency histogram, findings by category."
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
    Limit:
      name: limit
      in: query
      required: false
      description: Items per page (history default 50, messages default 100).
      schema: { type: integer, minimum: 1, maximum: 500 }
  responses:
    BadRequest:
      description: Malformed JSON, a wrong field, or invalid facts; `detail` names the field (and line) and the reason.
      content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } }
    Unauthorized:
      description: Missing or wrong token.
      content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } }
    Forbidden:
      description: A reader token tried to write; or, without tokens, a Host that is not a loopback name (`forbidden_host`) or a foreign Origin (`forbidden_origin`).
      content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } }
    NotFound:
      description: No such incident, version or route.
      content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } }
    TooLarge:
      description: The request body is over the limit.
      content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } }
    UnsupportedMediaType:
      description: Without tokens, a request that changes anything must be `application/json` (facts also `application/yaml`).
      content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } }
    Unavailable:
      description: The work passed the request timeout (`deadline_exceeded`), its client went away (`cancelled`), or the store failed (`storage_unavailable`, naming what failed).
      content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } }
  schemas:
    Error:
      type: object
      required: [error, detail]
      properties:
        error: { type: string, description: "A short code: bad_request, invalid_facts, unauthorized, forbidden, forbidden_host, forbidden_origin, not_found, too_large, unsupported_media_type, conflict, precondition_failed, cannot_compose, deadline_exceeded, cancelled, storage_unavailable, not_ready, internal." }
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
        allow:
          type: array
          items: { type: string, maxLength: 256 }
          description: "Values no leak rule flags in this check, added to the server's allow list: an address or exact id (`support@ourcompany.com`, `ws_4821`), a domain (`ourcompany.com`: its addresses, hosts and links) or a pattern with `*` (`ws_*`). Credentials (`secret.leak`) are never allowed."
        explain: { type: boolean, description: "Also list what rules matched but did not flag, and why (`silenced`), allowed values included." }
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
                description: At most 1000 per file, sorted by range start.
                items: { $ref: "#/components/schemas/Finding" }
              truncated: { const: true, description: Present only when findings past the limit were left out. }
              omitted: { type: integer, description: How many were left out (with `truncated`). }
              silenced:
                type: array
                description: With `explain` only. Words a rule matched but did not flag, and why.
                items:
                  type: object
                  required: [rule, match, line, column, range, reason]
                  properties:
                    rule: { type: string }
                    match: { type: string }
                    line: { type: integer }
                    column: { type: integer }
                    range: { type: object, properties: { start: { type: integer }, end: { type: integer } } }
                    reason: { type: string }
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
        next_before: { type: [integer, "null"], description: The `before` of the next history page; null on the last. }
        history:
          type: array
          description: One page, newest first.
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
    FactsVersion:
      type: object
      properties:
        id: { type: string }
        title: { type: string }
        status: { type: string }
        version: { type: integer }
        author: { type: string }
        created_at: { type: string, format: date-time }
        facts: { type: string }
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
