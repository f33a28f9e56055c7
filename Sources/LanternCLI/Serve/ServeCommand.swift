import ArgumentParser
import Foundation
import Lantern

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site in memory and serve it with live reload while you edit.",
        discussion: "Listens on 127.0.0.1 unless --host says otherwise. Nothing is written to disk.")

    @OptionGroup var site: SiteOptions
    @Option(name: .long, help: "Port to listen on.") var port: UInt16 = 8080
    @Option(name: .long, help: "Address to listen on; another than 127.0.0.1 only when you mean it.") var host = "127.0.0.1"
    /// Seconds a browser has to send a request's headers; hidden, for tests of the time limit.
    @Option(name: .customLong("header-timeout"), help: .hidden) var headerTimeout = 10.0

    func run() async throws {
        let source = try site.location.folder()
        guard FileManager.default.fileExists(atPath: (source as NSString).appendingPathComponent("content")) else {
            throw CommandProblem(message: "there is no content/ folder in \(source)", hint: "pass --source with the site folder, the one that holds content/ and templates/.")
        }
        guard headerTimeout > 0 && headerTimeout <= 600 else {
            throw CommandProblem(message: "--header-timeout must be more than 0 and at most 600 seconds", hint: "leave it out to allow 10 seconds.")
        }
        let printer = site.printer
        let preview = PreviewSite(source: source, drafts: site.drafts, today: try site.today(), strict: site.strict)
        // Listen before loading, so a bad address or a busy port is said at once; browsers that
        // connect during the load wait until the server starts.
        let verbose = site.verbose
        let server: PreviewServer
        do {
            server = try PreviewServer(host: host, port: port, limits: ServerLimits(headerTimeout: headerTimeout), webSocketPath: PreviewSite.reloadPath) { request in
                let start = DispatchTime.now().uptimeNanoseconds
                let response = Self.response(preview.respond(to: request.path))
                if verbose {
                    printer.note(String(format: "%@ %@ %d %.1f ms", request.method, request.path, response.status.code,
                                        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
                }
                return response
            }
        } catch .badAddress {
            throw CommandProblem(message: "--host must be an IPv4 address such as 127.0.0.1, but it is `\(host)`", hint: "leave it out to serve on 127.0.0.1 only.")
        } catch {
            throw CommandProblem(message: "the server could not listen on \(host):\(port): \(error)", hint: "choose another port with --port, or stop the program that uses it.")
        }
        report(preview.rebuild(), first: true)
        server.start()

        Watcher(root: source, folders: ["content", "templates"]).start { changed in
            let outcome = preview.rebuild(changed: changed)
            server.broadcast("reload")
            report(outcome, first: false)
        }
        print("Serving on http://\(host):\(port)/ — edit files in content/ or templates/; pages reload by themselves. Ctrl-C stops.")
        fflush(nil)  // stdout is a pipe under tests and scripts: say it now, not at exit
        // The server runs on its own threads; this task only keeps the command alive.
        while true { try await Task.sleep(nanoseconds: 3_600 * 1_000_000_000) }
    }

    private func report(_ outcome: PreviewSite.Outcome, first: Bool) {
        let printer = site.printer
        let errors = outcome.diagnostics.filter { $0.severity == .error }.count
        printer.report(outcome.diagnostics, errors: errors, warnings: outcome.diagnostics.count - errors)
        if site.verbose {
            for (stage, seconds) in outcome.stages { printer.note(String(format: "stage %-10@ %8.1f ms", stage as NSString, seconds * 1000)) }
        }
        let ms = Int(outcome.seconds * 1000)
        if outcome.failed {
            printer.note("Rebuild failed in \(ms) ms; the browser shows the \(site.strict ? "problems" : "errors") until they are fixed.")
        } else {
            printer.note(first ? "Loaded \(outcome.pages) pages in \(ms) ms; each is rendered when first requested."
                         : "Reloaded \(outcome.incremental ? "the changed pages" : "the site") in \(ms) ms.")
        }
    }

    static func response(_ r: PreviewSite.Response) -> HTTPResponse {
        switch r {
        case .file(let data, let type):
            return HTTPResponse(status: .ok, headers: [("Content-Type", type), ("Cache-Control", "no-store")], body: data)
        case .redirect(let location):
            return HTTPResponse(status: .movedPermanently, headers: [("Location", location)])
        case .notFound(let data):
            return HTTPResponse(status: .notFound, headers: [("Content-Type", "text/html; charset=utf-8")], body: data)
        case .error(let data):
            return HTTPResponse(status: .internalServerError, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")], body: data)
        }
    }
}
