/// A position in a source file, 1-based, as editors and GitHub annotations expect.
public struct SourceLocation: Sendable, Hashable, Comparable {
    /// Path relative to the site folder, e.g. `content/guides/cai-dat-vneid.md`.
    public var path: String
    // 32-bit: 24 bytes a location, not 32 (every page keeps two, every claimed path one).
    private var storedLine: Int32
    private var storedColumn: Int32
    public var line: Int { get { Int(storedLine) } set { storedLine = Int32(clamping: max(1, newValue)) } }
    public var column: Int { get { Int(storedColumn) } set { storedColumn = Int32(clamping: max(1, newValue)) } }

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        storedLine = Int32(clamping: max(1, line))
        storedColumn = Int32(clamping: max(1, column))
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// One problem found in a site: where, how bad, what is wrong in plain words, and how to fix it.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var hint: String?

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `path:line:column: error: message` and, on the next line, `  hint: …`.
    public var text: String {
        var out = "\(location.path):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        if let hint { out += "\n  hint: \(hint)" }
        return out
    }

    /// A GitHub Actions workflow command, shown as an annotation on the file.
    public var githubAnnotation: String {
        let body = hint.map { "\(message) — \($0)" } ?? message
        return "::\(severity.rawValue) file=\(Self.escapeProperty(location.path)),line=\(location.line),col=\(location.column)::\(Self.escapeData(body))"
    }

    private static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
