import Foundation
import VouchCore

/// Reads every draft before anything is checked or printed, so a missing
/// file or bad UTF-8 stops the run with nothing half-written.
enum Input {
    static func read(_ paths: [String]) throws -> [SourceText] {
        try paths.map { path in
            if path == "-" {
                return try SourceText(path: "<stdin>", bytes: Array(FileHandle.standardInput.readDataToEndOfFile()))
            }
            let data = try FileReader.bytes(path, what: nil)
            return try SourceText(path: path, bytes: Array(data))
        }
    }
}
