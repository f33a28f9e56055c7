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

    /// Creates a fresh staging folder beside the output; the build writes into it as it renders.
    /// Throws `OutputLocation.Refusal` first, touching nothing, when the output may not be replaced
    /// by a build of `source` (see `OutputLocation.check`).
    public func stage(source: URL, force: Bool = false) throws -> StagingFolder {
        try OutputLocation.check(output: output, source: source, force: force)
        let fm = FileManager.default
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        removeStaleStaging()
        let staging = parent.appendingPathComponent("\(stagingPrefix)\(getpid())-new")
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        let folder = StagingFolder(root: staging, publisher: self)
        // The mark that lets the next build replace this folder (see `OutputLocation`).
        folder.write(OutputLocation.markerName, Data(OutputLocation.markerText.utf8))
        return folder
    }

    fileprivate func swapIn(_ staging: URL) throws {
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

/// A build's output folder in the making. Files are written with plain POSIX calls (Foundation's
/// `Data.write` fsyncs every file, about 1.5× slower on 10 000 pages), from many threads at once.
/// `commit` swaps it in only if every write succeeded; `abandon` removes it.
public final class StagingFolder: OutputSink, @unchecked Sendable {
    public let root: URL
    private let publisher: Publisher
    private let lock = NSLock()
    private var firstError: Publisher.PublishError?

    fileprivate init(root: URL, publisher: Publisher) {
        self.root = root
        self.publisher = publisher
    }

    public func write(_ path: String, _ data: Data) {
        do {
            let full = root.path + "/" + path
            // O_EXCL: every path is claimed once (`OutputTree.claim`), so an existing file means a bug,
            // never something to overwrite; O_NOFOLLOW: a symlink is never written through.
            let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
            var fd = open(full, flags, 0o644)
            if fd < 0 && errno == ENOENT {
                try makeFolder(Self.parent(of: path))
                fd = open(full, flags, 0o644)
            }
            guard fd >= 0 else { throw Publisher.PublishError.write(path: path, errno: errno) }
            defer { close(fd) }
            try data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; throw Publisher.PublishError.write(path: path, errno: errno) }
                    offset += n
                }
            }
        } catch let error as Publisher.PublishError {
            lock.withLock { if firstError == nil { firstError = error } }
        } catch {}
    }

    private static func parent(of path: String) -> Substring {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return path[..<slash]
    }

    /// Makes `folder` and the folders above it that are missing, asked only when a file's `open`
    /// found its folder missing: most pages are alone in a new folder, so that is one failed `open`
    /// per folder, and nothing is remembered. (A set of the folders made grew with the site:
    /// 3 MB on 10 000 pages.) `EEXIST` is fine: another thread made it first.
    private func makeFolder(_ folder: Substring) throws {
        guard !folder.isEmpty else { return }
        let full = root.path + "/" + folder
        if mkdir(full, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw Publisher.PublishError.write(path: String(folder) + "/", errno: errno) }
        try makeFolder(Self.parent(of: String(folder)))
        if mkdir(full, 0o755) != 0 && errno != EEXIST {
            throw Publisher.PublishError.write(path: String(folder) + "/", errno: errno)
        }
    }

    /// Swaps the staged folder in for the output; throws (and removes it) if any write failed.
    public func commit() throws {
        if let error = lock.withLock({ firstError }) {
            abandon()
            throw error
        }
        do { try publisher.swapIn(root) } catch { abandon(); throw error }
    }

    public func abandon() { try? FileManager.default.removeItem(at: root) }
}
