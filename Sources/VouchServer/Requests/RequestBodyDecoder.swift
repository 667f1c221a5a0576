import Hummingbird
import VouchCore

/// A request body's JSON object, for `request.decode(as:context:)`.
///
/// The body is read by the strict `JSONParser` (duplicate fields refused,
/// errors with line and column), then decoded by `JSONValueDecoder`. For an
/// `APIRequest`, a field the type does not know is refused before any is
/// read. Every failure is a 400 naming the field and the reason:
/// "audience: unknown value 'pubic' (allowed: customer, public, internal)".
public struct RequestBodyDecoder: RequestDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        try Self.decode(type, from: try await request.bytes())
    }

    /// `bytes` as `T`; throws `APIError` (400).
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let value = try object(bytes, fields: (type as? any APIRequest.Type)?.fields)
        do {
            return try JSONValueDecoder(value).decode(as: type)
        } catch let error as DecodingError {
            throw APIError.badRequest(error.fieldDescription)
        }
    }

    /// The body as a JSON object with only `fields` (any, when nil).
    static func object(_ bytes: [UInt8], fields: [String]?) throws -> JSONValue {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            let expected = fields.map { " with " + $0.map { "'\($0)'" }.joined(separator: ", ") } ?? ""
            throw APIError.badRequest("the request body is empty; expected a JSON object\(expected)")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw APIError.badRequest("malformed JSON: \(error.message)")
        }
        guard case .object(let members) = value else {
            throw APIError.badRequest("expected a JSON object, got \(value.typeName)")
        }
        if let fields {
            for key in members.keys.sorted() where !fields.contains(key) {
                throw APIError.badRequest("\(JSONParser.shown(key)): unknown field (allowed: \(fields.joined(separator: ", ")))")
            }
        }
        return value
    }
}

/// A request body type: its coding keys are the fields it allows.
protocol APIRequest: Decodable {
    associatedtype Field: CodingKey & CaseIterable
}

extension APIRequest {
    static var fields: [String] { Field.allCases.map(\.stringValue) }
}

extension KeyedDecodingContainer {
    /// One of `E`'s raw values, or an error that lists them.
    func decodeIfPresent<E: RawRepresentable & CaseIterable>(choice type: E.Type, forKey key: Key) throws -> E? where E.RawValue == String {
        guard let raw = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let value = E(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                debugDescription: "unknown value '\(JSONParser.shown(raw))' (allowed: \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return value
    }

    func decode<E: RawRepresentable & CaseIterable>(choice type: E.Type, forKey key: Key) throws -> E where E.RawValue == String {
        guard let value = try decodeIfPresent(choice: type, forKey: key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "required"))
        }
        return value
    }

    /// A string that is not only white space.
    func decode(nonEmpty key: Key) throws -> String {
        let value = try decode(String.self, forKey: key)
        if value.allSatisfy(\.isWhitespace) { throw invalid(key, "must not be empty") }
        return value
    }

    /// An error about the value at `key`.
    func invalid(_ key: Key, _ reason: String) -> DecodingError {
        .dataCorruptedError(forKey: key, in: self, debugDescription: reason)
    }
}
