//! Files: reading what a build needs, within limits, and writing the PDF without ever
//! destroying a file.
//!
//! Every file cvc reads (the CV, layouts, fonts, the photo) goes through [`read`]: only
//! regular files are opened (a FIFO would block forever, `/dev/zero` would never end),
//! and each kind has a size limit, so any input gets an answer in bounded time and
//! memory. The PDF goes through [`write_output`], which refuses to write over a file
//! the build reads, over anything that is not a regular file, or over a file the user
//! cannot write, and which replaces the old PDF only once the new one is complete.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read as _, Write as _};
use std::path::{Path, PathBuf};

use crate::diag::{io_reason, Code, Diagnostic, FileId, Origin};

/// What a kind of input file is called in messages, and the most it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub what: &'static str,
    pub bytes: u64,
}

const MIB: u64 = 1024 * 1024;

/// `cv.toml`: ten times the longest real CVs (the 42-page stress CV is 80 KB). The
/// limit bounds the time and memory of a build: a megabyte of one-letter words sets
/// in about a second and 400 MB.
pub const CV: Limit = Limit {
    what: "a CV",
    bytes: MIB,
};
/// A layout file.
pub const LAYOUT: Limit = Limit {
    what: "a layout",
    bytes: MIB,
};
/// A `.bib` file a section takes publications from: four times a CV, for the
/// exports of reference managers that carry abstracts and file lists along; its
/// `@string` expansions are limited separately (see `bib`).
pub const BIB: Limit = Limit {
    what: "a .bib file",
    bytes: 4 * MIB,
};
/// A photo file (its pixels are limited separately, see `images`).
pub const PHOTO: Limit = Limit {
    what: "a photo",
    bytes: 32 * MIB,
};
/// A font file: generous, for CJK collections of every weight.
pub const FONT: Limit = Limit {
    what: "a font",
    bytes: 256 * MIB,
};

/// The names of the files beside `path` that end in `.{extension}` (at most a
/// thousand), for a "did you mean" when `path` is not there.
pub fn siblings(path: &Path, extension: &str) -> Vec<String> {
    let parent = match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => return Vec::new(),
    };
    let Ok(dir) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let suffix = format!(".{extension}");
    dir.filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| name.ends_with(&suffix))
        .take(1000)
        .collect()
}

/// The bytes of the regular file at `path`, at most `limit` of them. The error is the
/// reason, for a message that names the file ("no such file or directory", "it is a
/// directory", "it is larger than 1 MiB, the limit for a CV").
pub fn read(path: &Path, limit: Limit) -> Result<Vec<u8>, String> {
    let (file, len) = open(path, limit)?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit.bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit.bytes {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// Write `bytes` to a new file at `path`, making its folder: never over anything
/// already there (`cvc new`), checked by the same call that creates it, so no
/// file appearing in between is lost. The error is the reason.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), String> {
    create_new_by(path, bytes, "cvc new")
}

/// [`create_new`] for the command `by` (`cvc import`), which the reason names.
pub fn create_new_by(path: &Path, bytes: &[u8], by: &str) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| io_reason(&e))?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            ErrorKind::AlreadyExists => format!("it exists, and {by} never writes over a file"),
            _ => io_reason(&e),
        })?;
    file.write_all(bytes).map_err(|e| io_reason(&e))
}

/// Standard input, at most `limit` of it (`cvc build -`): read to its end, which a
/// pipe gives; the error is the reason, as for [`read`].
pub fn read_stdin(limit: Limit) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit.bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit.bytes {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// The regular file at `path`, open for reading, and its length, if it is within
/// `limit`: everything [`read`] checks before it reads.
pub fn open(path: &Path, limit: Limit) -> Result<(File, u64), String> {
    // Checked before opening: opening a FIFO for reading waits for a writer.
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let file = File::open(path).map_err(|e| io_reason(&e))?;
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() > limit.bytes {
        return Err(too_large(limit));
    }
    Ok((file, meta.len()))
}

fn too_large(limit: Limit) -> String {
    format!(
        "it is larger than {} MiB, the limit for {}",
        limit.bytes / MIB,
        limit.what
    )
}

/// What a path is, when it is not a regular file.
fn not_regular(meta: &std::fs::Metadata) -> String {
    let kind = if meta.is_dir() {
        "a directory"
    } else {
        special_kind(meta)
    };
    format!("it is {kind}, not a regular file")
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> &'static str {
    "a special file"
}

/// Text that is not UTF-8: the text with the bad bytes replaced (to quote it), and a
/// diagnostic at the first bad byte.
#[derive(Debug, Clone, PartialEq)]
pub struct NotUtf8 {
    pub lossy: String,
    offset: usize,
    byte: u8,
}

impl NotUtf8 {
    /// The error, pointing into `file`, under which [`lossy`](Self::lossy) was added.
    pub fn diagnostic(&self, file: FileId) -> Diagnostic {
        // UTF-16 starts with its byte-order mark, FF FE or FE FF (Windows'
        // "Unicode" in Notepad and PowerShell's `>`).
        let utf16 = self.offset == 0 && matches!(self.byte, 0xFE | 0xFF);
        let message = if utf16 {
            "this file is UTF-16 text, not UTF-8".to_string()
        } else {
            format!(
                "this file is not UTF-8 text: byte 0x{:02X} cannot start or continue a character",
                self.byte
            )
        };
        Diagnostic::error(
            Code::Encoding,
            message,
            Some(Origin::new(file, self.offset)),
        )
        .with_help("save the file as UTF-8 (every editor can): cvc reads UTF-8 text only")
    }
}

/// The bytes of a text file as a string, without a leading byte-order mark.
pub fn decode(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        NotUtf8 {
            byte: bytes[offset],
            lossy: String::from_utf8_lossy(&bytes).into_owned(),
            offset,
        }
    })
}

/// Why the PDF was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// Writing there would destroy something: the reason.
    Refused(String),
    /// The system said no: the reason.
    Failed(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            WriteError::Refused(r) | WriteError::Failed(r) => f.write_str(r),
        }
    }
}

/// Write `bytes` to `path` through a temporary file in the same directory, so that the
/// file at `path` is either the old one or the complete new one: a viewer or a failed
/// build never sees half a PDF.
///
/// Refused: a path that names one of `inputs` (the files the build read), anything
/// that is not a regular file (a directory, a device, a FIFO), and a file without
/// write permission. A symbolic link is followed: the file it points to is replaced.
/// The temporary file has an unpredictable name and is created only if nothing has
/// that name, so a link planted in its place cannot redirect the write.
///
/// There is no `fsync`: like a compiler's output, the PDF is rebuilt from its sources
/// in milliseconds, so surviving a power cut is not worth a disk flush on every build.
pub fn write_output(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), WriteError> {
    let refuse = |why: String| Err(WriteError::Refused(why));
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(path) {
            Ok(t) => t,
            Err(_) => return refuse("it is a symbolic link to nothing".into()),
        },
        _ => path.to_path_buf(),
    };
    let existing = match std::fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(WriteError::Failed(io_reason(&e))),
    };
    if let Some(meta) = &existing {
        if !meta.is_file() {
            return refuse(not_regular(meta));
        }
        if let Some(input) = inputs.iter().find(|i| same_file(i, &target)) {
            return refuse(format!(
                "it is `{}`, which this build reads",
                input.display()
            ));
        }
        let writable =
            !meta.permissions().readonly() && OpenOptions::new().write(true).open(&target).is_ok();
        if !writable {
            return refuse("it is read-only".into());
        }
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map_or_else(|| "out.pdf".into(), |n| n.to_string_lossy().to_string());
    let (tmp, mut file) = temporary(&dir, &name).map_err(|e| WriteError::Failed(io_reason(&e)))?;
    let result = (|| {
        if let Some(meta) = &existing {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        drop(file);
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(WriteError::Failed(io_reason(&e)));
    }
    Ok(())
}

/// A new file `.NAME.RANDOM.tmp` in `dir`, created only if nothing has that name.
fn temporary(dir: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    let mut last = None;
    for _ in 0..16 {
        let tmp = dir.join(format!(".{name}.{:016x}.tmp", unpredictable()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| ErrorKind::AlreadyExists.into()))
}

/// 64 bits no other process can guess: the standard library's hash keys are drawn
/// from the operating system's random source.
fn unpredictable() -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    h.finish()
}

/// Whether two paths name the same file (the same inode, through any link).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_is_named_for_what_it_is() {
        let utf16 = decode(b"\xFF\xFE{\x00".to_vec()).expect_err("not UTF-8");
        assert_eq!(
            utf16.diagnostic(FileId(0)).message,
            "this file is UTF-16 text, not UTF-8"
        );
        let latin1 = decode(b"caf\xE9".to_vec()).expect_err("not UTF-8");
        let d = latin1.diagnostic(FileId(0));
        assert!(d.message.contains("byte 0xE9"), "{}", d.message);
        assert!(!d.help.unwrap_or_default().contains("TOML"));
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cvc-files-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn reading_is_bounded_and_only_of_regular_files() {
        let dir = scratch("read");
        let small = Limit {
            what: "a test file",
            bytes: MIB,
        };
        let big = dir.join("big");
        std::fs::write(&big, vec![b'x'; MIB as usize + 1]).unwrap();
        assert_eq!(
            read(&big, small),
            Err("it is larger than 1 MiB, the limit for a test file".into())
        );
        assert_eq!(
            read(&dir, small),
            Err("it is a directory, not a regular file".into())
        );
        assert_eq!(
            read(&dir.join("none"), small),
            Err("no such file or directory".into())
        );
        #[cfg(unix)]
        assert_eq!(
            read(Path::new("/dev/zero"), small),
            Err("it is a device, not a regular file".into())
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn bad_utf8_is_located() {
        let err = decode(b"a = 1\nb = \"\xE9\"\n".to_vec()).unwrap_err();
        assert_eq!(err.offset, 11);
        assert!(err.lossy.contains('\u{FFFD}'));
        assert_eq!(decode(b"\xEF\xBB\xBFa = 1".to_vec()), Ok("a = 1".into()));
    }

    #[test]
    fn the_output_never_replaces_an_input_or_a_special_file() {
        let dir = scratch("write");
        let cv = dir.join("cv.toml");
        std::fs::write(&cv, "x").unwrap();
        let err = write_output(&cv, b"%PDF", std::slice::from_ref(&cv)).unwrap_err();
        assert!(matches!(err, WriteError::Refused(_)), "{err}");
        assert_eq!(std::fs::read(&cv).unwrap(), b"x");
        assert!(matches!(
            write_output(&dir, b"%PDF", &[]),
            Err(WriteError::Refused(_))
        ));
        let out = dir.join("out.pdf");
        write_output(&out, b"one", &[]).unwrap();
        write_output(&out, b"two", &[]).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"two");
        let leftovers = std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            })
            .count();
        assert_eq!(leftovers, 0);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
