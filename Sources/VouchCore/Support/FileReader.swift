import Foundation

/// Reads the files a user names (facts, rules, templates, settings, tokens,
/// drafts), so every one fails the same way: "cannot read facts file 'x':
/// no such file" (or: it is a directory, permission denied), and text that
/// is not UTF-8 is an error at its line and column.
public enum FileReader {
    /// The bytes of the file at `path`; `what` names it in errors ("facts
    /// file"; nil for a draft, which is named by its path alone).
    public static func bytes(_ path: String, what: String?) throws -> Data {
        let files = FileManager.default
        func refuse(_ reason: String) -> VouchError {
            VouchError("cannot read \(what.map { $0 + " " } ?? "")'\(path)': \(reason)")
        }
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else { throw refuse("no such file") }
        if isDirectory.boolValue { throw refuse("it is a directory") }
        guard files.isReadableFile(atPath: path) else { throw refuse("permission denied") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw refuse(String(error.localizedDescription.prefix { $0 != "\n" && $0 != "\r" }))
        }
    }

    /// The UTF-8 text of the file at `path`.
    public static func text(_ path: String, what: String) throws -> String {
        try utf8(bytes(path, what: what), source: path)
    }

    /// The text of `data`, or an error at the first byte that is not UTF-8
    /// ("facts.yaml:2:11: the file is not valid UTF-8 text (byte 0xE9); save
    /// it as UTF-8").
    public static func utf8(_ data: Data, source: String) throws -> String {
        if let text = String(validating: data, as: UTF8.self) { return text }
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let encoded):
                offset += encoded.count
                if Unicode.UTF8.decode(encoded) == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                let byte = String(data[data.startIndex + offset], radix: 16, uppercase: true)
                throw VouchError(file: source, line: line, column: column,
                                 "the file is not valid UTF-8 text (byte 0x\(byte.count == 1 ? "0" : "")\(byte)); save it as UTF-8")
            case .emptyInput:
                throw VouchError(file: source, "the file is not valid UTF-8 text; save it as UTF-8")
            }
        }
    }
}
