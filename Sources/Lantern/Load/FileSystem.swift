import Foundation

/// The few file operations the engine needs, so tests and the preview server can build without disk.
public protocol FileSystem: Sendable {
    /// Files under `directory` (recursively), as paths relative to it, sorted.
    func files(under directory: String) -> [String]
    /// The files under `directory` and what could not be listed (links out of the site, loops,
    /// FIFOs, unreadable folders), so a loader can report them instead of silently missing content.
    func listing(under directory: String) -> FileListing
    func read(_ path: String) throws -> Data
    /// Reads a file that may hold at most `limit` bytes; a larger one throws `FileProblem.tooLarge`
    /// (the disk checks the size before reading anything).
    func read(_ path: String, limit: Int) throws -> Data
    func exists(_ path: String) -> Bool
}

extension FileSystem {
    public func listing(under directory: String) -> FileListing {
        FileListing(files: files(under: directory), problems: [])
    }

    public func read(_ path: String, limit: Int) throws -> Data {
        let data = try read(path)
        guard data.count <= limit else { throw FileProblem.tooLarge(bytes: data.count, limit: limit) }
        return data
    }
}

/// A listing of a folder: readable files, and entries that were left out, each with why.
public struct FileListing: Sendable, Equatable {
    public var files: [String]
    /// Paths relative to the listed folder, sorted.
    public var problems: [Problem]
    public struct Problem: Sendable, Equatable {
        public var path: String
        public var problem: FileProblem
        public init(path: String, problem: FileProblem) { self.path = path; self.problem = problem }
    }
    public init(files: [String], problems: [Problem]) { self.files = files; self.problems = problems }
}

/// Why a file or folder was not read.
public enum FileProblem: Error, Sendable, Equatable {
    case missing
    /// A symbolic link whose target is outside the site folder.
    case outsideSite
    /// A symbolic link whose target does not exist (or cannot be resolved).
    case brokenLink
    /// A folder link that leads back to a folder it is inside of.
    case linkLoop
    /// A FIFO, socket or device: reading one can block forever.
    case notRegularFile(kind: String)
    case unreadable(reason: String)
    case tooLarge(bytes: Int, limit: Int)
}

/// Names that are never content: hidden files (`.DS_Store`, Emacs' `.#x.md` locks) and editor
/// leftovers (`x.md~`, `#x.md#`, Vim's `x.swp`), so a half-saved draft is never published.
enum IgnoredFiles {
    static func isIgnored(_ name: Substring) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || (name.hasPrefix("#") && name.hasSuffix("#"))
            || name.hasSuffix(".swp") || name.hasSuffix(".swo") || name.hasSuffix(".swx")
    }
    static func isIgnored(path: String) -> Bool { path.split(separator: "/").contains { isIgnored($0) } }
}

/// The real disk. Paths are joined onto `root`.
public struct DiskFileSystem: FileSystem {
    public let root: String
    /// Real paths of folders already checked to lie inside the site, so a read costs one `lstat`.
    private let checkedFolders = FolderCache()

    public init(root: String) { self.root = root }

    private func full(_ path: String) -> String { path.hasPrefix("/") ? path : (root as NSString).appendingPathComponent(path) }
    private var rootPath: String { realPath(root) ?? root }

    public func files(under directory: String) -> [String] { listing(under: directory).files }

    /// Walks the folder with `readdir` (the entry type comes with the name, so a 10 000-file site
    /// needs no `stat` per file). Hidden files, editor leftovers and anything that is not a regular
    /// file or folder are left out; links out of the site and folder loops are reported, not followed.
    public func listing(under directory: String) -> FileListing {
        let base = full(directory)
        let rootPath = self.rootPath
        var out: [String] = []
        var problems: [FileListing.Problem] = []
        // `ancestors`: real paths of the folders being walked; a link back to one of them is a loop.
        func walk(_ relative: String, real: String, ancestors: Set<String>) {
            let folder = relative.isEmpty ? base : base + "/" + relative
            guard let dir = opendir(folder) else {
                if !(relative.isEmpty && errno == ENOENT) {
                    problems.append(.init(path: relative, problem: .unreadable(reason: String(cString: strerror(errno)))))
                }
                return
            }
            defer { closedir(dir) }
            var entries: [(String, Int32)] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." || IgnoredFiles.isIgnored(Substring(name)) { continue }
                entries.append((name, Int32(entry.pointee.d_type)))
            }
            for (name, entryType) in entries {
                let item = relative.isEmpty ? name : relative + "/" + name
                let path = base + "/" + item
                var type = entryType
                var childReal = real + "/" + name
                if type == Int32(DT_LNK) {
                    // A link that leads outside the site folder is never followed: its target
                    // could otherwise be copied into the published site.
                    guard let target = realPath(path) else {
                        problems.append(.init(path: item, problem: .brokenLink)); continue
                    }
                    guard target == rootPath || target.hasPrefix(rootPath + "/") else {
                        problems.append(.init(path: item, problem: .outsideSite)); continue
                    }
                    type = fileType(path)
                    childReal = target
                } else if type == Int32(DT_UNKNOWN) {
                    type = fileType(path)
                }
                if type == Int32(DT_DIR) {
                    guard !ancestors.contains(childReal) else {
                        problems.append(.init(path: item, problem: .linkLoop)); continue
                    }
                    walk(item, real: childReal, ancestors: ancestors.union([childReal]))
                } else if type == Int32(DT_REG) {
                    out.append(item)
                } else {
                    problems.append(.init(path: item, problem: .notRegularFile(kind: Self.describe(type))))
                }
            }
        }
        let baseReal = realPath(base) ?? base
        walk("", real: baseReal, ancestors: [baseReal])
        return FileListing(files: out.sorted(), problems: problems.sorted { $0.path < $1.path })
    }

    static func describe(_ type: Int32) -> String {
        switch type {
        case Int32(DT_FIFO): return "named pipe (FIFO)"
        case Int32(DT_SOCK): return "socket"
        case Int32(DT_CHR), Int32(DT_BLK): return "device"
        default: return "special file"
        }
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The `readdir` type of what `path` leads to (links followed).
    private func fileType(_ path: String) -> Int32 {
        var info = stat()
        guard stat(path, &info) == 0 else { return Int32(DT_UNKNOWN) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return Int32(DT_DIR)
        case S_IFREG: return Int32(DT_REG)
        case S_IFIFO: return Int32(DT_FIFO)
        case S_IFSOCK: return Int32(DT_SOCK)
        case S_IFCHR: return Int32(DT_CHR)
        case S_IFBLK: return Int32(DT_BLK)
        default: return Int32(DT_UNKNOWN)
        }
    }

    /// Whether `path` (a full path) and the folders on the way lie inside the site folder.
    private func isInsideSite(_ path: String) -> Bool {
        let rootPath = self.rootPath
        func inside(_ p: String) -> Bool { p == rootPath || p.hasPrefix(rootPath + "/") }
        var info = stat()
        if lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
            return realPath(path).map(inside) ?? false
        }
        return isFolderInsideSite(of: path)
    }

    /// Whether the folder holding `path` (a full path) lies inside the site, links resolved; cached.
    private func isFolderInsideSite(of path: String) -> Bool {
        let rootPath = self.rootPath
        func inside(_ p: String) -> Bool { p == rootPath || p.hasPrefix(rootPath + "/") }
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        if let known = checkedFolders[folder] { return known }
        let result = realPath(folder).map(inside) ?? false
        checkedFolders[folder] = result
        return result
    }

    /// Reads with plain POSIX calls: `Data(contentsOf:)` builds a URL and asks for attributes first.
    /// Only regular files inside the site folder are read: a FIFO would block the build forever, a
    /// link out of the site could publish any file on the machine.
    public func read(_ path: String) throws -> Data {
        try read(path, limit: Int.max)
    }

    /// Like `read(_:)`, refusing a file larger than `limit` bytes before reading it.
    public func read(_ path: String, limit: Int) throws(FileProblem) -> Data {
        let fullPath = full(path)
        // Non-blocking, so opening a FIFO with no writer returns at once; the type is checked next.
        // The usual file is no link: opened without following one, only its folder needs checking
        // (cached). A link, a missing file or any other failure takes the careful path, which says
        // what is wrong in the same words as always.
        var fd = open(fullPath, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        if fd >= 0 {
            guard path.hasPrefix("/") || isFolderInsideSite(of: fullPath) else { close(fd); throw .outsideSite }
        } else {
            guard access(fullPath, F_OK) == 0 else { throw .missing }
            guard path.hasPrefix("/") || isInsideSite(fullPath) else { throw .outsideSite }
            fd = open(fullPath, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            let kind = (info.st_mode & S_IFMT) == S_IFDIR ? "folder"
                : Self.describe(fileTypeFromMode(info.st_mode))
            throw .notRegularFile(kind: kind)
        }
        guard Int(info.st_size) <= limit else { throw .tooLarge(bytes: Int(info.st_size), limit: limit) }
        var data = Data(count: Int(info.st_size))
        var filled = 0
        var failure: Int32 = 0
        data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            while filled < raw.count {
                let n = Foundation.read(fd, raw.baseAddress! + filled, raw.count - filled)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                if n == 0 { break }
                filled += n
            }
        }
        guard failure == 0 else { throw .unreadable(reason: String(cString: strerror(failure))) }
        if filled < data.count { data.removeSubrange(filled...) }
        return data
    }

    private func fileTypeFromMode(_ mode: mode_t) -> Int32 {
        switch mode & S_IFMT {
        case S_IFIFO: return Int32(DT_FIFO)
        case S_IFSOCK: return Int32(DT_SOCK)
        case S_IFCHR: return Int32(DT_CHR)
        case S_IFBLK: return Int32(DT_BLK)
        default: return Int32(DT_UNKNOWN)
        }
    }

    public func exists(_ path: String) -> Bool { access(full(path), F_OK) == 0 }
}

/// Folder → whether it lies inside the site; shared by the copies of a `DiskFileSystem`.
private final class FolderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [String: Bool] = [:]
    subscript(folder: String) -> Bool? {
        get { lock.lock(); defer { lock.unlock() }; return known[folder] }
        set { lock.lock(); known[folder] = newValue; lock.unlock() }
    }
}

/// Files held in memory: `["content/guides/a.md": "..."]`.
public struct MemoryFileSystem: FileSystem {
    public var contents: [String: Data]
    public init(_ files: [String: String]) { contents = files.mapValues { Data($0.utf8) } }
    public init(data: [String: Data]) { contents = data }

    public func files(under directory: String) -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return contents.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            .filter { !IgnoredFiles.isIgnored(path: $0) }.sorted()
    }

    public func read(_ path: String) throws -> Data {
        guard let data = contents[path] else { throw FileProblem.missing }
        return data
    }

    public func exists(_ path: String) -> Bool {
        contents[path] != nil || contents.keys.contains { $0.hasPrefix(path.hasSuffix("/") ? path : path + "/") }
    }
}
