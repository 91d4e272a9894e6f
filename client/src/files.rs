//! The file hasher every command uses: bid files, tender documents, evidence, reports and
//! notarized files are hashed here, streaming (a file is never read whole into memory), with a
//! progress bar while a large file is hashed. And the one way the client writes a secret (a key,
//! a bid receipt): created exclusively, readable by the owner only from its first byte.

use std::{
	fs::{self, File},
	io::{self, Read, Write},
	path::Path,
};

use anyhow::{Context, Result};
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use sha2::{Digest, Sha256};

/// Files larger than this get a progress bar of their own.
const LARGE_FILE: u64 = 8 << 20;
/// How much of a file is read at a time.
const CHUNK: usize = 1 << 20;

/// The SHA-256 of the file at `path`.
pub fn sha256(path: &Path) -> Result<[u8; 32]> {
	hash_with_bar(path, None)
}

/// The SHA-256 of each file in `paths`, in order, with a bar counting the files (and a bar
/// for each large file under it).
pub fn sha256_all(paths: &[impl AsRef<Path>]) -> Result<Vec<[u8; 32]>> {
	// One bar counts the files; large files add their own below it while they are hashed.
	let bars = MultiProgress::new();
	let count = bars.add(ProgressBar::new(paths.len() as u64));
	count.set_style(
		ProgressStyle::with_template("hashing {bar:40} {pos}/{len} files").expect("valid template"),
	);
	let mut hashes = Vec::with_capacity(paths.len());
	for path in paths {
		hashes.push(hash_with_bar(path.as_ref(), Some(&bars))?);
		count.inc(1);
	}
	count.finish();
	Ok(hashes)
}

/// Hashes `path` in chunks; a file over [`LARGE_FILE`] shows its progress (under `bars` if
/// given).
fn hash_with_bar(path: &Path, bars: Option<&MultiProgress>) -> Result<[u8; 32]> {
	// Open the file and decide whether it is large enough for a bar.
	let mut file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
	let len = file.metadata().map(|m| m.len()).unwrap_or(0);
	let bar = (len > LARGE_FILE).then(|| {
		let bar = ProgressBar::new(len);
		bar.set_style(
			ProgressStyle::with_template("hashing {msg} {bar:40} {bytes}/{total_bytes} ({eta})")
				.expect("valid template"),
		);
		bar.set_message(path.display().to_string());
		match bars {
			Some(bars) => bars.add(bar),
			None => bar,
		}
	});
	// Feed the hasher one chunk at a time.
	let mut hasher = Sha256::new();
	let mut buffer = vec![0u8; CHUNK];
	loop {
		let n =
			file.read(&mut buffer).with_context(|| format!("cannot read {}", path.display()))?;
		if n == 0 {
			break;
		}
		hasher.update(&buffer[..n]);
		if let Some(bar) = &bar {
			bar.inc(n as u64);
		}
	}
	if let Some(bar) = bar {
		bar.finish_and_clear();
		if let Some(bars) = bars {
			bars.remove(&bar);
		}
	}
	Ok(hasher.finalize().into())
}

/// Writes `contents` to a new file at `path`, readable and writable by the owner only (0600)
/// from the moment it exists: the file is created exclusively (`create_new`, so an existing
/// file is never overwritten: the error's kind is then [`io::ErrorKind::AlreadyExists`]) with
/// its mode set at creation, never widened and narrowed afterwards.
pub fn write_new_secret(path: &Path, contents: &[u8]) -> io::Result<()> {
	let mut options = fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	{
		use std::os::unix::fs::OpenOptionsExt;
		options.mode(0o600);
	}
	let mut file = options.open(path)?;
	file.write_all(contents)?;
	file.sync_all()
}

/// Creates directory `path` and its missing parents, each new one readable by the owner only
/// (0700): the client's private store of receipts.
pub fn create_private_dir(path: &Path) -> io::Result<()> {
	let mut builder = fs::DirBuilder::new();
	builder.recursive(true);
	#[cfg(unix)]
	{
		use std::os::unix::fs::DirBuilderExt;
		builder.mode(0o700);
	}
	builder.create(path)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_file_hashes_as_its_bytes_do_across_chunks() {
		let dir = std::env::temp_dir().join(format!("tender-files-{}", std::process::id()));
		std::fs::create_dir_all(&dir).expect("temp dir");
		let path = dir.join("three-chunks.bin");
		let bytes: Vec<u8> = (0..(2 * CHUNK + 123)).map(|i| (i % 251) as u8).collect();
		std::fs::write(&path, &bytes).expect("written");
		let expected: [u8; 32] = Sha256::digest(&bytes).into();
		assert_eq!(sha256(&path).expect("hashed"), expected);
		assert_eq!(sha256_all(&[&path, &path]).expect("hashed"), vec![expected, expected]);
		std::fs::remove_dir_all(&dir).expect("removed");
	}

	#[test]
	fn a_secret_is_created_owner_only_and_never_overwritten() {
		use std::os::unix::fs::PermissionsExt;
		let dir = std::env::temp_dir().join(format!("tender-secret-{}", std::process::id()));
		create_private_dir(&dir.join("store")).expect("private dir");
		let path = dir.join("store/key.json");
		write_new_secret(&path, b"first").expect("written");
		let mode = fs::metadata(&path).expect("exists").permissions().mode() & 0o777;
		assert_eq!(mode, 0o600);
		let dir_mode = fs::metadata(dir.join("store")).expect("exists").permissions().mode();
		assert_eq!(dir_mode & 0o777, 0o700);
		let again = write_new_secret(&path, b"second").expect_err("exists");
		assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
		assert_eq!(fs::read(&path).expect("read"), b"first");
		fs::remove_dir_all(&dir).expect("removed");
	}

	#[test]
	fn a_missing_file_is_named() {
		let error = sha256(Path::new("/no/such/file")).expect_err("missing");
		assert!(format!("{error:#}").contains("/no/such/file"));
	}
}
