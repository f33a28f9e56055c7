import Foundation
import Testing
@testable import Lantern

/// The staging folder a build writes into: folders made as files need them, from many threads at
/// once, and a file that cannot be written fails the commit, leaving the old output in place.
@Suite struct StagingFolderTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func foldersAreMadeAsNeededFromManyThreads() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("public")
        let staging = try Publisher(output: output).stage(source: dir.appendingPathComponent("site"))
        // Deep and shallow paths, siblings and nested folders, in an order where children come first.
        let paths = (0..<400).map { i in
            i % 4 == 0 ? "huong-dan/muc-\(i % 7)/trang-\(i)/index.html" :
            i % 4 == 1 ? "huong-dan/muc-\(i % 7)/index-\(i).html" : i % 4 == 2 ? "a/b/c/d/e/f-\(i).txt" : "tep-\(i).txt"
        }
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in staging.write(paths[i], Data("tệp \(i)".utf8)) }
        try staging.commit()
        for (i, path) in paths.enumerated() {
            #expect(try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) == "tệp \(i)")
        }
    }

    @Test func aFileWhereAFolderMustBeFailsTheCommitAndKeepsTheOldOutput() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("public")
        let first = try Publisher(output: output).stage(source: dir.appendingPathComponent("site"))
        first.write("index.html", Data("cũ".utf8))
        try first.commit()

        let second = try Publisher(output: output).stage(source: dir.appendingPathComponent("site"))
        second.write("tin-tuc", Data("một tệp".utf8))
        second.write("tin-tuc/bai-1/index.html", Data("mới".utf8))
        #expect(throws: Publisher.PublishError.self) { try second.commit() }
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "cũ")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(left == ["public"], "the staging folder is removed: \(left)")
    }
}
