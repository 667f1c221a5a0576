import CYaml

/// What a YAML document may cost before it is composed into a tree.
///
/// Composing is where hostile YAML hurts: an alias to a deeply nested anchor
/// (the "billion laughs" shape) makes a few hundred bytes expand into an
/// exponential tree that the YAML library hashes to find duplicate keys, and
/// deep nesting recurses once per level. `check(_:source:)` reads the event
/// stream first (libyaml's own parser: flat, no tree, no hashing) and refuses
/// anchors and aliases, nesting past `maxDepth`, more than `maxNodes` values
/// and more than `maxBytes` bytes, each with a one-line error naming the
/// limit and where it was passed. Syntax errors are left to the composer,
/// which reports them with their own position.
public struct YAMLLimits: Sendable, Equatable {
    public var maxBytes: Int
    public var maxDepth: Int
    public var maxNodes: Int

    public init(maxBytes: Int, maxDepth: Int, maxNodes: Int) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    /// A facts file: a few dozen values, four levels deep at most.
    public static let facts = YAMLLimits(maxBytes: 256 * 1024, maxDepth: 16, maxNodes: 10_000)
    /// A rule file: hundreds of rules with their examples.
    public static let rules = YAMLLimits(maxBytes: 8 * 1024 * 1024, maxDepth: 32, maxNodes: 1_000_000)

    /// Throws a `VouchError` naming the first limit `text` passes.
    public func check(_ text: String, source: String, what: String) throws {
        let size = text.utf8.count
        if size > maxBytes {
            throw VouchError(file: source, "\(what) is \(size) bytes, over the limit of \(maxBytes) bytes")
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var utf8 = Array(text.utf8)
        if utf8.isEmpty { return }
        try utf8.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            var nodes = 0
            var event = yaml_event_t()
            while true {
                // A syntax error: the composer reports it, with its position.
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                func refuse(_ message: String) -> VouchError { VouchError(file: source, line: line, column: column, message) }
                var anchor: UnsafeMutablePointer<yaml_char_t>? = nil
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_ALIAS_EVENT:
                    throw refuse("YAML aliases (*name) are not allowed in \(what); write the value out")
                case YAML_SCALAR_EVENT:
                    nodes += 1
                    anchor = event.data.scalar.anchor
                case YAML_SEQUENCE_START_EVENT:
                    nodes += 1
                    depth += 1
                    anchor = event.data.sequence_start.anchor
                case YAML_MAPPING_START_EVENT:
                    nodes += 1
                    depth += 1
                    anchor = event.data.mapping_start.anchor
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
                if anchor != nil {
                    throw refuse("YAML anchors (&name) are not allowed in \(what); write the value out")
                }
                if depth > maxDepth {
                    throw refuse("\(what) nests deeper than the limit of \(maxDepth) levels")
                }
                if nodes > maxNodes {
                    throw refuse("\(what) has more than the limit of \(maxNodes) values")
                }
            }
        }
    }
}
