// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Lantern",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lantern", targets: ["lantern"]),
        .library(name: "Lantern", targets: ["Lantern"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // Debian's libcmark-gfm; its pkg-config file links the GFM extensions library too.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlienc", providers: [.apt(["libbrotli-dev"])]),
        // Debian's libvips (image decoding, resizing, WebP/JPEG/PNG encoding; `apt-get install
        // libvips-dev`, in scripts/setup.sh), through a small C shim because its calls are variadic,
        // which Swift cannot call. The shim loads libvips.so.42 with dlopen the first time an image
        // must be read or made (see lantern_vips.c), so nothing links it: linked, its ~120 libraries
        // cost every start ~13 MiB of memory. Only the shim's C compile needs the headers: vips/ and
        // fontconfig/ are in /usr/include, glib's in these two (Debian's multiarch path per CPU).
        .target(name: "CVipsShim",
                cSettings: [.unsafeFlags(["-I/usr/include/glib-2.0",
                                          "-I/usr/lib/x86_64-linux-gnu/glib-2.0/include",
                                          "-I/usr/lib/aarch64-linux-gnu/glib-2.0/include"])],
                linkerSettings: [.linkedLibrary("dl")]),
        // `lantern check --external` asks addresses with libcurl, loaded with dlopen on first use
        // (lantern_curl.c), not through FoundationNetworking, which links libcurl, OpenSSL and ~25
        // more libraries into every start (~7 MiB). Only the C compile needs curl's headers
        // (libcurl4-openssl-dev, in scripts/setup.sh).
        .target(name: "CCurlShim", linkerSettings: [.linkedLibrary("dl")]),
        // QR codes on printed handouts (Debian's libqrencode: the encoder, not hand-written).
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"]), .brew(["qrencode"])]),
        // Two tiny POSIX helpers Swift cannot call directly (renameat2 is reached through syscall).
        .target(name: "CLanternSystem"),
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        // Mustache templates with typed values (no run-time casts); see the benchmark notes in README.
        .target(name: "Templates"),
        .target(
            name: "Lantern",
            dependencies: [
                "Markdown", "Templates", "CLanternSystem", "CDeflate", "CBrotli", "CVipsShim", "CCurlShim", "CQRencode",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "LanternCLI",
            dependencies: [
                "Lantern",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "lantern", dependencies: ["LanternCLI"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates"], exclude: ["spec"]),
        .testTarget(name: "LanternTests", dependencies: ["Lantern"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "LanternCLITests", dependencies: ["LanternCLI", "Lantern"]),
    ]
)

// Fuzz targets (Fuzz/, see README "Sanitizers and fuzzing"). scripts/fuzz.sh builds them with
// `--sanitize fuzzer -DFUZZING` in .build-fuzz, where libFuzzer supplies `main`; in a normal build
// each is a small program that replays saved inputs.
package.targets += [
    .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
    .executableTarget(name: "FuzzFrontMatter", dependencies: ["Lantern", "FuzzSupport"], path: "Fuzz/FuzzFrontMatter"),
    .executableTarget(name: "FuzzMarkdown", dependencies: ["Markdown", "FuzzSupport"], path: "Fuzz/FuzzMarkdown"),
    .executableTarget(name: "FuzzTemplates", dependencies: ["Templates", "FuzzSupport"], path: "Fuzz/FuzzTemplates"),
]
