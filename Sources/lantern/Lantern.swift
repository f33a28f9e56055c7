import Foundation
import LanternCLI

/// The executable only hands over to the commands (they live in LanternCLI so tests can run them).
@main
struct LanternMain {
    static func main() async {
        exit(await LanternCommand.run())
    }
}
