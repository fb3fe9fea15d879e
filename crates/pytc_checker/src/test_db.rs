//! The shared in-memory test database with this crate's default target (3.12, every platform).

use pytc_db::PythonPlatform;
pub(crate) use pytc_db::testing::TestDb;
use pytc_syntax::PythonVersion;

pub(crate) fn test_db() -> TestDb {
    TestDb::new(PythonVersion::PY312, PythonPlatform::All)
}
