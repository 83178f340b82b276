//! `cvc watch` as a user runs it: the real binary in a scratch folder, files saved
//! the ways editors save them, the PDF read back. Every wait has a deadline and
//! the watcher is killed at the end, so a failing test cannot hang.

mod common;

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{command, cvc, path, pdf_text, scratch, succeeded, write};

/// How long any one step may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(8);

const CV: &str = "[person]\nname = \"Ada Lovelace\"\n\n[[section]]\ntitle = \"Notes\"\ntext = \"The Analytical Engine weaves algebraic patterns.\"\n";

/// A running `cvc watch` and what it has said on standard error so far.
struct Watching {
    child: Child,
    said: Arc<Mutex<String>>,
    dir: PathBuf,
}

impl Watching {
    /// `cvc watch ARGS` in `dir`, once it has built and watches.
    fn start(dir: &Path, args: &[&str]) -> Watching {
        Watching::start_with(dir, args, &[])
    }

    fn start_with(dir: &Path, args: &[&str], env: &[(&str, String)]) -> Watching {
        let mut all = vec!["watch"];
        all.extend_from_slice(args);
        let mut cmd = command(&all, dir);
        cmd.envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("cvc watch starts");
        let said = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().expect("stderr");
        let into = said.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut said = into.lock().unwrap();
                said.push_str(&line);
                said.push('\n');
            }
        });
        let w = Watching {
            child,
            said,
            dir: dir.to_path_buf(),
        };
        w.until("watching", 1);
        w
    }

    fn said(&self) -> String {
        self.said.lock().unwrap().clone()
    }

    /// Waits until `needle` has been said `times` times in all.
    #[track_caller]
    fn until(&self, needle: &str, times: usize) {
        let start = Instant::now();
        while self.said().matches(needle).count() < times {
            assert!(
                start.elapsed() < DEADLINE,
                "no {needle:?} ×{times} within {DEADLINE:?}; cvc said:\n{}",
                self.said()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn pdf(&self) -> Vec<u8> {
        std::fs::read(self.dir.join("cv.pdf")).expect("cv.pdf")
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How `child` exits, within the deadline; else it is killed and the test
/// fails with `late`.
#[track_caller]
fn exit(child: &mut Child, late: &str) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("{late}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Writes `text` to `cv.toml.tmp` and renames it over `cv.toml`, as vim and
/// JetBrains editors save.
fn save_by_rename(dir: &Path, text: &str) {
    write(dir, "cv.toml.tmp", text);
    std::fs::rename(dir.join("cv.toml.tmp"), dir.join("cv.toml")).expect("rename");
}

/// Fails unless the PDF's text holds `words` (where pdftotext is installed).
#[track_caller]
fn reads(pdf: &Path, words: &str) {
    if let Some(text) = pdf_text(pdf) {
        assert!(text.contains(words), "no {words:?} in:\n{text}");
    }
}

/// Saves in place and by rename are built; a broken save is reported where it is
/// broken and leaves the PDF alone; the next good save clears it. The last PDF is
/// the one `cvc build` makes of the same files.
#[test]
fn saves_rebuild_and_broken_saves_keep_the_pdf() {
    let dir = scratch("saves");
    write(&dir, "cv.toml", CV);
    let w = Watching::start(&dir, &[]);
    w.until("built cv.pdf: 1 page in", 1);
    let pdf = dir.join("cv.pdf");
    reads(&pdf, "algebraic patterns");

    // (a) Overwritten in place.
    write(&dir, "cv.toml", CV.replace("algebraic", "geometric"));
    w.until("built cv.pdf", 2);
    reads(&pdf, "geometric patterns");

    // (b) A new file renamed over the CV.
    save_by_rename(&dir, &CV.replace("algebraic", "harmonic"));
    w.until("built cv.pdf", 3);
    reads(&pdf, "harmonic patterns");

    // (c) A broken save: the error at its line and column, the PDF untouched.
    let good = w.pdf();
    save_by_rename(
        &dir,
        &CV.replace("title = \"Notes\"", "title = \"Notes\" x"),
    );
    w.until("kept the last good cv.pdf", 1);
    assert!(w.said().contains("cv.toml:5:17: error"), "{}", w.said());
    assert!(w.pdf() == good, "a failed build changed the PDF");

    // (d) The next good save.
    write(&dir, "cv.toml", CV.replace("algebraic", "celestial"));
    w.until("the errors are cleared", 1);
    reads(&pdf, "celestial patterns");
    assert_eq!(w.said().matches("built cv.pdf").count(), 4, "{}", w.said());

    let cold = dir.join("cold.pdf");
    succeeded(&cvc(&["build", "cv.toml", "-o", path(&cold)], &dir));
    assert!(
        w.pdf() == std::fs::read(&cold).unwrap(),
        "a rebuild differs from cvc build"
    );

    // (e) The CV removed, then put back: the PDF is kept, and said to be.
    let kept = w.said().matches("kept the last good cv.pdf").count();
    std::fs::remove_file(dir.join("cv.toml")).expect("rm");
    w.until("kept the last good cv.pdf", kept + 1);
    assert!(w.pdf() == std::fs::read(&cold).unwrap());
    write(&dir, "cv.toml", CV);
    w.until("the errors are cleared", 2);
}

/// A layout file the build reads, and the file it extends, are watched too; so is
/// a layout `--layout NAME` finds in layouts/.
#[test]
fn layout_files_are_watched() {
    let dir = scratch("layouts");
    write(&dir, "cv.toml", CV);
    write(&dir, "layouts/mine.toml", "extends = \"base.toml\"\n");
    write(&dir, "layouts/base.toml", "extends = \"full\"\n");
    let w = Watching::start(&dir, &["--layout", "mine"]);
    w.until("built cv.pdf", 1);
    let pdf = dir.join("cv.pdf");
    let before = w.pdf();

    save_by_rename_to(
        &dir,
        "layouts/base.toml",
        "extends = \"full\"\n[page]\nsize = \"letter\"\n",
    );
    w.until("built cv.pdf", 2);
    assert!(w.pdf() != before, "the layout's change is not in the PDF");
    if let Some(info) = common::tool("pdfinfo", &[path(&pdf)]) {
        assert!(info.contains("612 x 792"), "{info}");
    }

    write(
        &dir,
        "layouts/mine.toml",
        "extends = \"base.toml\"\n[labels]\nbroken = = 1\n",
    );
    w.until("kept the last good cv.pdf", 1);
    assert!(w.said().contains("mine.toml:3:10: error"), "{}", w.said());
    write(&dir, "layouts/mine.toml", "extends = \"base.toml\"\n");
    w.until("the errors are cleared", 1);
}

fn save_by_rename_to(dir: &Path, name: &str, text: &str) {
    let tmp = format!("{name}___jb_tmp___");
    write(dir, &tmp, text);
    std::fs::rename(dir.join(tmp), dir.join(name)).expect("rename");
}

/// `--open` opens the PDF once, after the first good build, and a viewer that
/// fails is a warning.
#[cfg(target_os = "linux")]
#[test]
fn open_opens_the_pdf_once() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = scratch("open");
    write(&dir, "cv.toml", CV);
    let bin = dir.join("bin");
    let opener = "#!/bin/sh\necho \"$1\" >> \"$(dirname \"$0\")/opened\"\nexit 3\n";
    write(&bin, "xdg-open", opener);
    std::fs::set_permissions(bin.join("xdg-open"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let paths = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let w = Watching::start_with(&dir, &["--open"], &[("PATH", paths)]);
    w.until("cannot open cv.pdf", 1);
    write(&dir, "cv.toml", CV.replace("algebraic", "geometric"));
    w.until("built cv.pdf", 2);
    let opened = std::fs::read_to_string(bin.join("opened")).unwrap();
    assert_eq!(opened, "cv.pdf\n");
}

/// Ctrl-C (SIGINT) ends the watch with status 0; `--quiet` says nothing of good
/// builds.
#[cfg(unix)]
#[test]
fn ctrl_c_ends_it_cleanly() {
    let dir = scratch("stop");
    write(&dir, "cv.toml", CV);
    let mut cmd = command(&["watch", "--quiet"], &dir);
    let mut child = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cvc watch starts");
    let start = Instant::now();
    while !dir.join("cv.pdf").exists() {
        assert!(start.elapsed() < DEADLINE, "no PDF");
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid = child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status();
    assert!(killed.is_ok_and(|s| s.success()));
    let status = exit(&mut child, "cvc watch did not stop on SIGINT");
    let out = child.wait_with_output().expect("output");
    assert_eq!(
        status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// A CV that is a symbolic link (dotfile managers keep it elsewhere) is rebuilt
/// when its target is saved; a `layouts/` folder made after the start is seen.
#[cfg(unix)]
#[test]
fn a_linked_cv_and_a_new_layouts_folder_are_watched() {
    let dir = scratch("linked");
    write(&dir, "real/cv.toml", CV);
    std::os::unix::fs::symlink("real/cv.toml", dir.join("cv.toml")).expect("link");
    let w = Watching::start(&dir, &["--layout", "tech"]);
    w.until("built cv.pdf", 1);
    write(&dir, "real/cv.toml", CV.replace("weaves", "embroiders"));
    w.until("built cv.pdf", 2);
    reads(&dir.join("cv.pdf"), "embroiders");
    // `--layout tech` is the built-in until ./layouts/tech.toml exists.
    std::fs::create_dir(dir.join("layouts")).expect("mkdir");
    write(
        &dir,
        "layouts/tech.toml",
        "extends = \"tech\"\n[page]\nsize = \"a5\"\n",
    );
    let start = Instant::now();
    loop {
        let a5 = common::tool("pdfinfo", &[path(&dir.join("cv.pdf"))])
            .is_none_or(|info| info.contains("419.528 x 595.276"));
        if a5 {
            break;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "no A5 build; cvc said:\n{}",
            w.said()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// What no save can mend ends the watch with status 2 instead of waiting forever.
#[test]
fn a_wrong_command_is_not_watched_forever() {
    let dir = scratch("fatal");
    write(&dir, "cv.toml", CV);
    for args in [
        &["-o", "cv.toml", "--force"][..],
        &["--set", "page.size=b9"][..],
    ] {
        let mut all = vec!["watch"];
        all.extend_from_slice(args);
        let mut child = command(&all, &dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cvc watch starts");
        let status = exit(
            &mut child,
            &format!("{args:?}: still watching after {DEADLINE:?}"),
        );
        assert_eq!(status.code(), Some(2), "{args:?}");
        assert_eq!(
            std::fs::read_to_string(dir.join("cv.toml")).expect("kept"),
            CV
        );
    }
}
