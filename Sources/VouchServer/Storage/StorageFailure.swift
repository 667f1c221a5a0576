import GRDB

/// A database error in words an operator acts on: what failed ("the disk
/// or the database is full", "the database file is corrupt") with SQLite's
/// own code and message for the log.
struct StorageFailure: Error, Sendable {
    let summary: String
    let logDescription: String

    init?(_ error: any Error) {
        guard let error = error as? DatabaseError else { return nil }
        let code = error.resultCode
        switch code {
        case .SQLITE_FULL: summary = "the disk or the database is full (SQLITE_FULL)"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: summary = "the database file is corrupt (\(code == .SQLITE_NOTADB ? "SQLITE_NOTADB" : "SQLITE_CORRUPT"))"
        case .SQLITE_READONLY: summary = "the database is read-only (SQLITE_READONLY)"
        case .SQLITE_IOERR: summary = "a disk read or write failed (SQLITE_IOERR)"
        case .SQLITE_BUSY, .SQLITE_LOCKED: summary = "the database is locked by another process (SQLITE_BUSY)"
        case .SQLITE_CANTOPEN: summary = "the database file cannot be opened (SQLITE_CANTOPEN)"
        case .SQLITE_PERM: summary = "permission denied on the database file (SQLITE_PERM)"
        default: summary = "SQLite error \(code.rawValue)"
        }
        // The message, never the statement's arguments (they hold facts and message text).
        logDescription = "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "no message")"
    }
}
