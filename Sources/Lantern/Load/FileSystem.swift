import Foundation

/// The few file operations the engine needs, so tests and the preview server can build without disk.
public protocol FileSystem: Sendable {
    /// Files under `directory` (recursively), as paths relative to it, sorted.
    func files(under directory: String) -> [String]
    func read(_ path: String) throws -> Data
    func exists(_ path: String) -> Bool
}

/// The real disk. Paths are joined onto `root`.
public struct DiskFileSystem: FileSystem {
    public let root: String
    public init(root: String) { self.root = root }

    private func full(_ path: String) -> String { path.hasPrefix("/") ? path : (root as NSString).appendingPathComponent(path) }

    /// Walks the folder with `readdir` (the entry type comes with the name, so a 10 000-file site
    /// needs no `stat` per file). Hidden files and folders are skipped.
    public func files(under directory: String) -> [String] {
        let base = full(directory)
        let rootPath = realPath(root) ?? root
        var out: [String] = []
        func walk(_ relative: String) {
            let folder = relative.isEmpty ? base : base + "/" + relative
            guard let dir = opendir(folder) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let item = relative.isEmpty ? name : relative + "/" + name
                let path = base + "/" + item
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_LNK) {
                    // A symlink that leads outside the site folder is never followed: its target
                    // could otherwise be copied into the published site.
                    guard let target = realPath(path), target == rootPath || target.hasPrefix(rootPath + "/") else { continue }
                    type = isDirectory(path) ? Int32(DT_DIR) : Int32(DT_REG)
                } else if type == Int32(DT_UNKNOWN) {
                    type = isDirectory(path) ? Int32(DT_DIR) : Int32(DT_REG)
                }
                if type == Int32(DT_DIR) { walk(item) } else { out.append(item) }
            }
        }
        walk("")
        return out.sorted()
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Reads with plain POSIX calls: `Data(contentsOf:)` builds a URL and asks for attributes first.
    public func read(_ path: String) throws -> Data {
        let fd = open(full(path), O_RDONLY)
        guard fd >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
        var data = Data(count: Int(info.st_size))
        var filled = 0
        try data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            while filled < raw.count {
                let n = Foundation.read(fd, raw.baseAddress! + filled, raw.count - filled)
                if n < 0 { if errno == EINTR { continue }; throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
                if n == 0 { break }
                filled += n
            }
        }
        if filled < data.count { data.removeSubrange(filled...) }
        return data
    }

    public func exists(_ path: String) -> Bool { access(full(path), F_OK) == 0 }
}

/// Files held in memory: `["content/guides/a.md": "..."]`.
public struct MemoryFileSystem: FileSystem {
    public var contents: [String: Data]
    public init(_ files: [String: String]) { contents = files.mapValues { Data($0.utf8) } }
    public init(data: [String: Data]) { contents = data }

    public func files(under directory: String) -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return contents.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }.sorted()
    }

    public func read(_ path: String) throws -> Data {
        guard let data = contents[path] else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        return data
    }

    public func exists(_ path: String) -> Bool {
        contents[path] != nil || contents.keys.contains { $0.hasPrefix(path.hasSuffix("/") ? path : path + "/") }
    }
}
