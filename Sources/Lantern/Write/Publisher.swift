import CLanternSystem
import Foundation

/// Writes an output tree into a fresh folder beside the output folder, then swaps it in with one
/// atomic rename. A failed or killed build never touches the previous output.
public struct Publisher {
    public let output: URL

    public init(output: URL) { self.output = output.standardizedFileURL }

    public enum PublishError: Error, CustomStringConvertible {
        case write(path: String, errno: Int32)
        case swap(errno: Int32)
        public var description: String {
            switch self {
            case .write(let path, let e): return "could not write \(path): \(String(cString: strerror(e)))"
            case .swap(let e): return "could not replace the output folder: \(String(cString: strerror(e)))"
            }
        }
    }

    private var parent: URL { output.deletingLastPathComponent() }
    private var stagingPrefix: String { ".\(output.lastPathComponent).lantern-" }

    /// Removes staging folders left by builds that were killed.
    func removeStaleStaging() {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(stagingPrefix) {
            try? fm.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    public func publish(_ tree: OutputTree) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        removeStaleStaging()
        let staging = parent.appendingPathComponent("\(stagingPrefix)\(getpid())-new")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            try write(tree, into: staging)
            try swapIn(staging)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }

    private func write(_ tree: OutputTree, into root: URL) throws {
        var madeDirs = Set<String>()
        let fm = FileManager.default
        for path in tree.files.keys.sorted() {
            let full = root.appendingPathComponent(path).path
            let dir = (full as NSString).deletingLastPathComponent
            if !madeDirs.contains(dir) {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
                madeDirs.insert(dir)
            }
            // Plain POSIX writes: Foundation's Data.write fsyncs each file, ~1.5× slower on 10k pages.
            let fd = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw PublishError.write(path: path, errno: errno) }
            defer { close(fd) }
            try tree.files[path]!.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; throw PublishError.write(path: path, errno: errno) }
                    offset += n
                }
            }
        }
    }

    private func swapIn(_ staging: URL) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: output.path) else {
            guard rename(staging.path, output.path) == 0 else { throw PublishError.swap(errno: errno) }
            return
        }
        // renameat2(RENAME_EXCHANGE): the old and the new tree trade places in one step.
        if lantern_rename_exchange(staging.path, output.path) == 0 {
            try? fm.removeItem(at: staging)
            return
        }
        // Fallback where the file system lacks the exchange: two renames, old tree kept until the end.
        let old = parent.appendingPathComponent("\(stagingPrefix)\(getpid())-old")
        guard rename(output.path, old.path) == 0 else { throw PublishError.swap(errno: errno) }
        guard rename(staging.path, output.path) == 0 else {
            let e = errno
            _ = rename(old.path, output.path)
            throw PublishError.swap(errno: e)
        }
        try? fm.removeItem(at: old)
    }
}
