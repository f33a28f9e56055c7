import Foundation

/// Collects every problem of a run instead of stopping at the first one. Thread-safe: stages that
/// work in parallel report into the same collector; `sorted` gives a deterministic order.
public final class Diagnostics: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []
    /// What `items` holds, to keep each diagnostic once: a page body is rendered for its page, its
    /// handout, class packs and search, and each render reports the same bad link again. Counted
    /// every time, one refused link made `check` say "12 errors" above the one error it listed.
    private var seen = Set<Diagnostic>()

    public init() {}

    public func report(_ diagnostic: Diagnostic) {
        lock.lock(); defer { lock.unlock() }
        if seen.insert(diagnostic).inserted { items.append(diagnostic) }
    }

    public func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        report(Diagnostic(.error, location, message, hint: hint))
    }

    public func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        report(Diagnostic(.warning, location, message, hint: hint))
    }

    /// All diagnostics, each once, ordered by file, line, column, then message.
    public var sorted: [Diagnostic] {
        lock.lock(); defer { lock.unlock() }
        return items.sorted {
            ($0.location, $0.severity == .error ? 0 : 1, $0.message) < ($1.location, $1.severity == .error ? 0 : 1, $1.message)
        }
    }

    public var errorCount: Int { lock.lock(); defer { lock.unlock() }; return items.filter { $0.severity == .error }.count }
    public var warningCount: Int { lock.lock(); defer { lock.unlock() }; return items.filter { $0.severity == .warning }.count }

    /// Whether the run failed: any error, or any warning when warnings count as errors (`--strict`).
    public func failed(strict: Bool) -> Bool {
        strict ? (errorCount + warningCount) > 0 : errorCount > 0
    }
}

extension SourceLocation {
    static func file(_ path: String) -> SourceLocation { SourceLocation(path: path) }
}

/// Suggests the closest known word for a misspelt one ("tittle" → "title").
enum Suggest {
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return nil }
        return best.1 <= max(2, word.count / 3) ? best.0 : nil
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
