import Foundation

/// Runs a fuzz target's body once per file named on the command line (folders: every file in
/// them). This is the `main` of a fuzz target in a normal build; `scripts/fuzz.sh` builds the
/// same targets with `-sanitize=fuzzer -DFUZZING`, where libFuzzer supplies `main` instead.
/// Replaying a saved finding: `swift run FuzzMarkdown .build-fuzz/findings/FuzzMarkdown/crash-…`.
public func replay(_ arguments: [String], _ body: (Data) -> Void) {
    guard !arguments.isEmpty else {
        FileHandle.standardError.write(Data("usage: \(CommandLine.arguments[0]) FILE-OR-FOLDER...\n".utf8))
        exit(64)
    }
    var count = 0
    for argument in arguments {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
            FileHandle.standardError.write(Data("\(argument): no such file\n".utf8))
            exit(66)
        }
        let files = isFolder.boolValue
            ? ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map { "\(argument)/\($0)" }
            : [argument]
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            body(data)
            count += 1
        }
    }
    print("replayed \(count) input(s) without a crash")
}

/// Stops the run the way libFuzzer counts as a finding (the input is saved as `crash-…`), for
/// checks that are not crashes by themselves, such as unescaped HTML in the output.
public func fail(_ message: String, input: Data) -> Never {
    let preview = String(decoding: input.prefix(300), as: UTF8.self)
    FileHandle.standardError.write(Data("FUZZ CHECK FAILED: \(message)\ninput (first 300 bytes): \(preview.debugDescription)\n".utf8))
    abort()
}
