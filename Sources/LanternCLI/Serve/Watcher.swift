import Foundation

/// A light poll of the site's sources: cheap `stat`s, a few times a second, no extra dependency.
/// Reports when any file under the watched folders is added, removed or changed.
struct Watcher {
    let root: String
    let folders: [String]

    /// Path → (modification time, size) for every file.
    func signature() -> [String: [Double]] {
        var out: [String: [Double]] = [:]
        let fm = FileManager.default
        for folder in folders {
            let base = (root as NSString).appendingPathComponent(folder)
            guard let e = fm.enumerator(atPath: base) else { continue }
            while let item = e.nextObject() as? String {
                guard let attrs = e.fileAttributes, attrs[.type] as? FileAttributeType != .typeDirectory else { continue }
                let modified = (attrs[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                out["\(folder)/\(item)"] = [modified, Double((attrs[.size] as? NSNumber)?.intValue ?? 0)]
            }
        }
        return out
    }

    /// Calls `onChange` (on a background thread) after each change, until the process ends.
    func start(interval: TimeInterval = 0.2, onChange: @escaping @Sendable () -> Void) {
        let watcher = self
        Thread.detachNewThread {
            var last = watcher.signature()
            while true {
                Thread.sleep(forTimeInterval: interval)
                let now = watcher.signature()
                if now != last { last = now; onChange() }
            }
        }
    }
}
