import Foundation

/// One shared copy of each front-matter value that many pages repeat: topics, audiences, needs,
/// a story's model and locality, an event's place, organizer and contact. Without it every page
/// kept its own copies from the YAML parser: at 100 000 pages ~25 MiB of equal strings and arrays
/// (a guide's `needs` alone was ~220 bytes), all of it held for the whole build. Swift strings
/// and arrays share their storage when copied, so each page keeps a reference instead.
///
/// Used from every loading thread at once; lives as long as one load.
final class ValuePool: @unchecked Sendable {
    private let lock = NSLock()
    private var strings = Set<String>()
    private var lists = Set<[String]>()

    /// The pooled copy of `value`. Short ones (up to 15 bytes) are kept inside the string itself,
    /// so only longer ones are pooled.
    func string(_ value: String) -> String {
        guard value.utf8.count > 15 else { return value }
        return lock.withLock { pooled(value) }
    }

    func string(_ value: String?) -> String? { value.map { string($0) } }

    /// The pooled copy of `values`, whose long strings are pooled too.
    func list(_ values: [String]) -> [String] {
        guard !values.isEmpty else { return values }
        return lock.withLock {
            if let kept = lists.firstIndex(of: values) { return lists[kept] }
            let shared = values.map { $0.utf8.count > 15 ? pooled($0) : $0 }
            lists.insert(shared)
            return shared
        }
    }

    /// The kept copy of a long `value` (kept now if it is new); called with the lock held.
    private func pooled(_ value: String) -> String {
        if let kept = strings.firstIndex(of: value) { return strings[kept] }
        strings.insert(value)
        return value
    }
}
