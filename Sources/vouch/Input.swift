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
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw VouchError("cannot read '\(path)': no such file")
            }
            if isDirectory.boolValue { throw VouchError("cannot read '\(path)': it is a directory") }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw VouchError("cannot read '\(path)': permission denied or unreadable")
            }
            return try SourceText(path: path, bytes: Array(data))
        }
    }
}
