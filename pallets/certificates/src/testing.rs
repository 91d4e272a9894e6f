//! Set-up for the tests and benchmarks of the pallets that ask this registry (feature
//! `testing`, and `runtime-benchmarks`).
//!
//! A mock runtime includes this pallet, configured with `#[derive_impl(TestDefaultConfig)]`,
//! and uses it as its `ParticipantRegistry`; it sets up its participants with [`certify`] and
//! [`bar`], which write this pallet's storage directly (no CA signature to make). The registry
//! then answers with its real rules, and a refusal is the real [`Error`](crate::Error) variant:
//! the tests assert what the runtime returns.

#[cfg(any(test, feature = "testing"))]
use crate::DefaultConfig;
use crate::{
	Authorities, BarEntry, Bars, Certificate, CertificateAuthority, Certificates, CityCode, Config,
	Role, Roles,
};
use frame_support::BoundedVec;
#[cfg(any(test, feature = "testing"))]
use frame_support::{derive_impl, pallet_prelude::inject_runtime_type};
use sp_core::H256;

/// Declares the runtime `Test` of a pallet's tests: `frame_system` at index 0 and the pallets
/// listed (`index: Name = pallet_crate` or `index: Name = pallet_crate<Instance>`), with every
/// aggregated runtime type, and `frame_system` configured with its test defaults on the mock
/// block (`type Block`), plus the items of an optional `system { … }`:
///
/// ```ignore
/// pallet_certificates::testing::mock_runtime! {
/// 	system { type AccountId = sp_runtime::AccountId32; }
/// 	pallets { 1: Timestamp = pallet_timestamp, 2: Certificates = pallet_certificates }
/// }
/// ```
#[cfg(any(test, feature = "testing"))]
pub use crate::__mock_runtime as mock_runtime;

#[doc(hidden)]
#[cfg(any(test, feature = "testing"))]
#[macro_export]
macro_rules! __mock_runtime {
	(
		$(system { $($system:tt)* })?
		pallets { $($index:tt: $name:ident = $pallet:ident $(<$instance:ident>)?),+ $(,)? }
	) => {
		/// The block of the test runtime.
		type Block = frame_system::mocking::MockBlock<Test>;

		#[frame_support::runtime]
		mod runtime {
			#[runtime::runtime]
			#[runtime::derive(
				RuntimeCall,
				RuntimeEvent,
				RuntimeError,
				RuntimeOrigin,
				RuntimeFreezeReason,
				RuntimeHoldReason,
				RuntimeSlashReason,
				RuntimeLockId,
				RuntimeTask,
				RuntimeViewFunction
			)]
			pub struct Test;

			#[runtime::pallet_index(0)]
			pub type System = frame_system;
			$(
				#[runtime::pallet_index($index)]
				pub type $name = $pallet $(<$instance>)?;
			)+
		}

		#[frame_support::derive_impl(frame_system::config_preludes::TestDefaultConfig)]
		impl frame_system::Config for Test {
			type Block = Block;
			$($($system)*)?
		}
	};
}

/// The CA that issues the certificates of [`certify`]: admitted on first use, never removed,
/// valid at any time.
pub const TEST_AUTHORITY: crate::AuthorityId = 0;

/// Gives `who` a valid certificate, from [`TEST_AUTHORITY`], with `roles`, certified in city
/// `city` (a city code of at most 16 bytes), with legal-identity hash `identity`. Replaces the
/// certificate `who` held before.
pub fn certify<T: Config>(who: &T::AccountId, roles: &[Role], city: &[u8], identity: H256) {
	let city: CityCode = BoundedVec::truncate_from(city.to_vec());
	if Authorities::<T>::get(TEST_AUTHORITY).is_none() {
		Authorities::<T>::insert(
			TEST_AUTHORITY,
			CertificateAuthority {
				name: BoundedVec::truncate_from(b"test CA".to_vec()),
				city: city.clone(),
				keys: BoundedVec::truncate_from(alloc::vec![[0xca; 32]]),
				valid_from: 0,
				valid_until: u64::MAX,
				removed_at: None,
			},
		);
	}
	Certificates::<T>::insert(
		who,
		Certificate {
			authority: TEST_AUTHORITY,
			serial: 0,
			identity_hash: identity,
			name: BoundedVec::truncate_from(b"test participant".to_vec()),
			roles: Roles::of(roles),
			city,
			valid_from: 0,
			valid_until: u64::MAX,
			revoked_at: None,
		},
	);
}

/// Bars the legal identity of `who` (which must be certified first, with [`certify`]) from
/// `bar` for good (until the consortium lifts it): every account certified for the same
/// identity is barred with it. Does nothing for an account without a certificate.
pub fn bar<T: Config>(who: &T::AccountId, bar: crate::Bar) {
	if let Some(cert) = Certificates::<T>::get(who) {
		Bars::<T>::insert(cert.identity_hash, bar, BarEntry { until: u64::MAX, record: 0 });
	}
}

/// The benchmark helper of a mock runtime whose cities include Baiyin (`BY`).
#[cfg(feature = "runtime-benchmarks")]
pub struct Baiyin;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for Baiyin {
	fn known_city() -> CityCode {
		BoundedVec::truncate_from(b"BY".to_vec())
	}
}

#[cfg(any(test, feature = "testing"))]
frame_support::parameter_types! {
	/// The test chain's compute budget per account per window: 1 ms of reference time and
	/// 1 MiB of proof.
	pub TestWeightPerWindow: frame_support::weights::Weight =
		frame_support::weights::Weight::from_parts(1_000_000_000, 1024 * 1024);
}

/// The defaults of a mock runtime that uses this pallet as its participant registry: the mock
/// names its clock (`type Time`) and takes the rest with
/// `#[derive_impl(pallet_certificates::testing::TestDefaultConfig)]`.
#[cfg(any(test, feature = "testing"))]
pub struct TestDefaultConfig;

#[cfg(any(test, feature = "testing"))]
#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
impl frame_system::DefaultConfig for TestDefaultConfig {}

#[cfg(any(test, feature = "testing"))]
#[frame_support::register_default_impl(TestDefaultConfig)]
impl DefaultConfig for TestDefaultConfig {
	type ConsortiumOrigin = frame_system::EnsureRoot<Self::AccountId>;
	type Cities = frame_support::traits::Everything;
	type AdmissionExempt = frame_support::traits::Nothing;
	type MaxNameLen = frame_support::traits::ConstU32<32>;
	type MaxAuthorityKeys = frame_support::traits::ConstU32<1>;
	type MaxCreditEntries = frame_support::traits::ConstU32<4>;
	type MaxViolationsPerSupervisor = frame_support::traits::ConstU32<2>;
	type ViolationPeriod = frame_support::traits::ConstU64<{ 30 * 86_400_000 }>;
	type RateLimitWindow = frame_support::traits::ConstU64<10>;
	type MaxTransactionsPerWindow = frame_support::traits::ConstU32<100>;
	type MaxBytesPerWindow = frame_support::traits::ConstU32<{ 64 * 1024 }>;
	type MaxWeightPerWindow = TestWeightPerWindow;
	type ExemptMultiple = frame_support::traits::ConstU32<16>;
	type UrgentReserve = frame_support::traits::ConstU32<5>;
	type PriorityCalls = frame_support::traits::Nothing;
	type MaxFutureNonces = frame_support::traits::ConstU32<8>;
	type PeerBars = ();
	type PeerCertificates = ();
	type UnsignedPriority = frame_support::traits::ConstU64<1>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Baiyin;
}
