import Foundation
import Testing

/// Drives the real `lantern` executable as a user would: exit codes, printed diagnostics, and the
/// promise that a failed or killed build leaves the previous output untouched.
@Suite(.serialized) struct CommandTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
        return url
    }()

    /// `swift test` builds every product; the executable sits beside the test bundle.
    static let binary: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lantern"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lantern"),
            root.appendingPathComponent(".build/debug/lantern"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    @discardableResult
    static func lantern(_ args: [String], in dir: URL, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.currentDirectoryURL = dir
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Starts `lantern` in the background with its output discarded.
    static func launch(_ args: [String], in dir: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A copy of the sample site in a temporary folder.
    static func sampleSite() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent(folder), to: dir.appendingPathComponent(folder))
        }
        return dir
    }

    static func tree(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir.path)
        while let item = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = dir.appendingPathComponent(item).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[item] = FileManager.default.contents(atPath: full)
            }
        }
        return out
    }

    /// A short summary of a tree (file count and a hash of paths and bytes): failures stay readable.
    static func digest(_ tree: [String: Data]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for path in tree.keys.sorted() {
            for byte in Array(path.utf8) + Array(tree[path]!) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        return "\(tree.count) files, hash \(String(hash, radix: 16))"
    }

    @Test func successfulBuildExitsZero() throws {
        let site = try Self.sampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let run = try Self.lantern(["build", "--now", "2026-11-24", "--strict"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Built "))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/index.html").path))
    }

    /// libvips and its ~120 libraries are loaded only when an image must be read or made: a command
    /// that makes none (`--help`) never maps them, and a build with photos loads them when needed.
    /// libcurl and its ~25 (OpenSSL, Kerberos, LDAP…) only for `check --external`: never by a build.
    /// The dynamic loader's own log (`LD_DEBUG=files`, glibc) says which files it loaded.
    @Test func libvipsIsLoadedOnlyWhenAnImageIsMade() throws {
        let site = try Self.sampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        // The log goes to a file (`LD_DEBUG_OUTPUT`, one per process): on stderr it fills the pipe.
        func loaded(_ args: [String], _ name: String) throws -> (Run, String) {
            let log = site.appendingPathComponent("ld-\(name)")
            let run = try Self.lantern(args, in: site, environment: ["LD_DEBUG": "files", "LD_DEBUG_OUTPUT": log.path,
                                                                      "XDG_CACHE_HOME": site.appendingPathComponent(".test-cache").path])
            let files = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix("ld-\(name).") }
            let text = try files.map { try String(contentsOf: site.appendingPathComponent($0), encoding: .utf8) }.joined()
            return (run, text)
        }
        let (help, helpLog) = try loaded(["--help"], "help")
        #expect(help.status == 0)
        #expect(helpLog.contains("file=libc.so"), "the loader's log is there")
        #expect(!helpLog.contains("file=libvips"), "libvips was loaded by a command that makes no image")
        #expect(!helpLog.contains("file=libcurl") && !helpLog.contains("file=libssl"), "libcurl was loaded by a command that asks no address")
        let (build, buildLog) = try loaded(["build", "--now", "2026-11-24"], "build")
        #expect(build.status == 0, "\(build.stderr)")
        #expect(buildLog.contains("file=libvips.so.42"), "the sample site's photos need libvips")
        let photos = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("public/images").path)
        #expect(photos.contains { $0.hasSuffix(".webp") })
        // Built again, every photo and card comes from the cache: nothing loads libvips, not even
        // to ask its version for the cache's keys.
        let before = Self.tree(site.appendingPathComponent("public"))
        let (again, againLog) = try loaded(["build", "--now", "2026-11-24"], "again")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(againLog.contains("file=libc.so"), "the loader's log is there")
        #expect(!againLog.contains("file=libvips"), "libvips was loaded by a build whose images were all cached")
        #expect(!againLog.contains("file=libcurl"), "libcurl was loaded by a build")
        #expect(Self.digest(Self.tree(site.appendingPathComponent("public"))) == Self.digest(before))
    }

    /// `check` with warnings only passes (exit 0) but does not say "no problems" under them.
    @Test func aCheckWithWarningsOnlySaysSoInItsLastLine() throws {
        let site = try Self.sampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let clean = try Self.lantern(["check", "--now", "2026-11-24"], in: site)
        #expect(clean.status == 0, "\(clean.stderr)")
        let warned = clean.stderr.contains("warning")
        #expect(clean.stdout.contains(warned ? "No errors found;" : "No problems found."), "\(clean.stdout)")
        try "---\ntitle: \"Trang thử\"\n---\n## Mục\n\n#### Mục con nhảy bậc\n".write(
            to: site.appendingPathComponent("content/trang-thu.md"), atomically: true, encoding: .utf8)
        let run = try Self.lantern(["check", "--now", "2026-11-24"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("content/trang-thu.md:6:1: warning:"), "\(run.stderr)")
        #expect(!run.stdout.contains("No problems found."))
        #expect(run.stdout.contains("No errors found; ") && run.stdout.contains(" above."), "\(run.stdout)")
    }

    @Test func contentErrorsExitOneAndLeaveTheOutputByteIdentical() throws {
        let site = try Self.sampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.lantern(["build", "--now", "2026-11-24"], in: site)
        let before = Self.tree(site.appendingPathComponent("public"))
        #expect(before.count > 100)
        let broken = site.appendingPathComponent("content/guides/cai-dat-vneid.md")
        var text = try String(contentsOf: broken, encoding: .utf8)
        text = text.replacingOccurrences(of: "updated: 2026", with: "updated: hôm qua #2026")
        try text.write(to: broken, atomically: true, encoding: .utf8)
        let run = try Self.lantern(["build", "--now", "2026-11-24"], in: site)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/guides/cai-dat-vneid.md:"))
        #expect(run.stderr.contains(": error: `updated` must be a date written YYYY-MM-DD, but it is `hôm qua`"))
        #expect(run.stderr.contains("  hint: write it like `updated: 2026-11-29`."))
        #expect(run.stderr.contains("public/ was left as it was"))
        #expect(Self.digest(Self.tree(site.appendingPathComponent("public"))) == Self.digest(before))

        let github = try Self.lantern(["build", "--format", "github", "--now", "2026-11-24"], in: site)
        #expect(github.status == 1)
        #expect(github.stderr.contains("::error file=content/guides/cai-dat-vneid.md,line="))
    }

    /// Every usage or environment problem exits 2 (as README says, not ArgumentParser's 64), with
    /// an `error:` line naming the problem and a `hint:` line saying what to do.
    @Test(arguments: [
        (["build", "--bogus"], "error: Unknown option '--bogus'", "hint: run `lantern build --help`"),
        (["--bogus"], "error: Unknown option '--bogus'", "hint: run `lantern --help`"),
        (["serve", "--port", "nope"], "error: The value 'nope' is invalid for '--port <port>'", "hint: run `lantern serve --help`"),
        (["build", "--now", "ngày mai"], "error: --now must be a date written YYYY-MM-DD, but it is `ngày mai`", "hint: write it like --now 2026-11-29"),
        (["check", "--now", "2026-13-40"], "error: --now must be a date written YYYY-MM-DD, but it is `2026-13-40`", "hint: write it like --now 2026-11-29"),
        (["serve", "--now", "mai"], "error: --now must be a date written YYYY-MM-DD, but it is `mai`", "hint: write it like --now 2026-11-29"),
        (["build", "--source", "does-not-exist"], "error: the site folder does-not-exist does not exist", "hint: pass --source with the folder"),
        (["check", "--source", "/khong/co/thu-muc"], "error: the site folder /khong/co/thu-muc does not exist", "hint: pass --source with the folder"),
        (["serve", "--source", "does-not-exist"], "error: the site folder does-not-exist does not exist", "hint: pass --source with the folder"),
        (["new", "guide", "Mới", "--source", "does-not-exist"], "error: the site folder does-not-exist does not exist", "hint: pass --source with the folder"),
        (["serve", "--source", "templates"], "error: there is no content/ folder in templates", "hint: pass --source with the site folder"),
        (["serve", "--host", "localhost"], "error: --host must be an IPv4 address such as 127.0.0.1, but it is `localhost`", "hint: leave it out"),
        (["check", "--external-limit", "0"], "error: --external-limit must be at least 1, but it is 0", "hint: leave it out"),
        (["new", "guide", "!!!"], "error: the title \"!!!\" gives an empty file name", "hint: use a title with letters or digits, or pass --slug."),
        (["build", "--output", "content"], "error: the output folder ", "hint: build into a folder outside content/"),
    ])
    func usageErrorsExitTwo(arguments: [String], error: String, hint: String) throws {
        let site = try Self.sampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let run = try Self.lantern(arguments, in: site)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stderr.hasPrefix(error), "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains("\n  \(hint)"), "\(arguments): \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func usageErrorsFollowFormatGitHub() throws {
        let site = try Self.sampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let run = try Self.lantern(["check", "--format", "github", "--source", "nowhere"], in: site)
        #expect(run.status == 2)
        #expect(run.stderr == "::error title=lantern::the site folder nowhere does not exist — pass --source with the folder that holds content/ and templates/, or run lantern inside it.\n")
        let help = try Self.lantern(["serve", "--help"], in: site)
        #expect(help.status == 0)
        for option in ["--source", "--drafts", "--now", "--strict", "--format", "--verbose", "--port", "--host"] {
            #expect(help.stdout.contains(option), "serve --help lacks \(option)")
        }
        #expect(!help.stdout.contains("--header-timeout"))
    }

    /// A build killed with SIGKILL halfway through writing leaves the previous output byte-identical,
    /// and the next build cleans up the abandoned staging folder.
    @Test func aKilledBuildLeavesThePreviousOutputIntact() throws {
        let site = try Self.sampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        // Make the next build big enough to be caught mid-write.
        let guide = try String(contentsOf: site.appendingPathComponent("content/guides/cai-dat-vneid.md"), encoding: .utf8)
        // Precompression is off here: it only lengthens the build before the write phase.
        let settings = site.appendingPathComponent("content/site.yml")
        try (try String(contentsOf: settings, encoding: .utf8)).replacingOccurrences(of: "precompress: true", with: "precompress: false")
            .write(to: settings, atomically: true, encoding: .utf8)
        try Self.lantern(["build", "--now", "2026-11-24"], in: site)
        let before = Self.tree(site.appendingPathComponent("public"))
        for i in 0..<600 {
            try guide.replacingOccurrences(of: "title: \"", with: "title: \"\(i) ")
                .write(to: site.appendingPathComponent("content/guides/ban-sao-\(i).md"), atomically: false, encoding: .utf8)
        }
        var baseline = before
        var caughtMidWrite = false
        for attempt in 0..<10 where !caughtMidWrite {
            let process = try Self.launch(["build", "--now", "2026-11-24"], in: site)
            // The staging folder appears when writing starts; kill a little later each attempt.
            let deadline = Date().addingTimeInterval(120)
            var killed = false
            while Date() < deadline && process.isRunning {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: site.path)) ?? []
                if names.contains(where: { $0.hasPrefix(".public.lantern-") }) {
                    usleep(useconds_t(attempt * 15_000))
                    killed = kill(process.processIdentifier, SIGKILL) == 0
                    break
                }
                usleep(1_000)
            }
            process.waitUntilExit()
            let after = Self.tree(site.appendingPathComponent("public"))
            if killed && process.terminationReason == .uncaughtSignal {
                caughtMidWrite = true
                #expect(Self.digest(after) == Self.digest(baseline), "attempt \(attempt): the killed build changed public/")
            } else {
                baseline = after // the build finished first: its output is the new baseline
            }
        }
        #expect(caughtMidWrite, "the build finished before it could be killed mid-write")
        let after = try Self.lantern(["build", "--now", "2026-11-24"], in: site)
        #expect(after.status == 0, "\(after.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix(".public.lantern-") }
        #expect(leftovers.isEmpty)
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/huong-dan/ban-sao-7/index.html").path))
    }
}

@Suite(.serialized) struct NewCommandTests {
    @Test(arguments: [("guide", "Cài đặt Zalo cho người cao tuổi", "content/guides/cai-dat-zalo-cho-nguoi-cao-tuoi.md"),
                      ("story", "Chợ số ở Đông Hoa Lư", "content/stories/cho-so-o-dong-hoa-lu.md"),
                      ("event", "Tập huấn: Đăng nhập VNeID", "content/events/tap-huan-dang-nhap-vneid.md"),
                      ("snapshot", "Quý IV 2026", "content/progress/quy-iv-2026.yml")])
    func createsADraftFromTheArchetypeAndBuildsWithIt(kind: String, title: String, path: String) throws {
        let site = try CommandTests.sampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let run = try CommandTests.lantern(["new", kind, title], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
        #expect(text.contains(title) || kind == "snapshot")
        // The new file loads without errors (drafts are still validated with --drafts).
        let check = try CommandTests.lantern(["check", "--drafts"], in: site)
        #expect(!check.stderr.contains(path), "\(check.stderr)")
        // A second time it refuses to overwrite.
        let again = try CommandTests.lantern(["new", kind, title], in: site)
        #expect(again.status == 1)
        #expect(again.stderr.contains("\(path) already exists; Lantern will not overwrite it"))
    }
}
