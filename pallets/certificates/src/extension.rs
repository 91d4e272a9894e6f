//! The admission gate, and the nonce window.
//!
//! [`CheckCertificate`] lets into the pool only signed transactions from accounts with a valid
//! certificate (or exempt: the trading centres and the accounts the consortium names), and
//! for a certified account at most, per `RateLimitWindow` blocks:
//!
//! - `MaxTransactionsPerWindow` transactions, plus `UrgentReserve` more for urgent calls
//!   (`PriorityCalls`: in the runtime, a bid commit or reveal in the last minutes before its
//!   deadline), so that an account that used up its count can still bid in time;
//! - `MaxBytesPerWindow` bytes (the encoded lengths of its transactions, summed), for every
//!   call, urgent or not: a transaction larger than what remains is refused
//!   ([`admission::BYTES_LIMITED`]). A bid is a few hundred bytes; only an account that itself
//!   sends large calls runs out;
//! - `MaxWeightPerWindow` of compute: the weights its calls declare, summed, urgent or not
//!   ([`admission::WEIGHT_LIMITED`]). A call declares its weight before it runs and a failed
//!   call is charged all of it, so without this budget one small transaction declaring a large
//!   weight (`Council::close` with a large weight bound) would fill a block.
//!
//! The exempt accounts have no count limit, but `ExemptMultiple` times the byte and compute
//! budgets: a trading centre's key cannot stuff blocks either.
//!
//! For every signer, exempt or not, it refuses at the pool the calls the runtime's
//! `BaseCallFilter` refuses ([`admission::CALL_FILTERED`]): they would fail in the block, and
//! must never take block space.
//!
//! Priority: an urgent call gets [`URGENT_PRIORITY`]; every other signed transaction gets 0
//! (the runtime charges no fees, so nothing else raises it). The pool orders by priority, so a
//! flood of other calls cannot crowd out a bid near its deadline; the runtime's unsigned
//! certificate registrations have their own `UnsignedPriority`.
//!
//! [`CheckNonceWindow`] replaces `frame_system::CheckNonce` (same encoding, same identifier):
//! it delegates everything to it and also refuses a transaction whose nonce is more than
//! `MaxFutureNonces` above the account's nonce ([`admission::TOO_MANY_FUTURE`]; for the exempt
//! accounts `ExemptMultiple` times as far), so that one account cannot fill the pool with
//! future transactions.
//!
//! Cost per signed transaction: the filter (in memory), the exemption check (`AdmissionExempt`;
//! in the runtime, two reads: is the sender a trading centre, is it the expert-pool
//! administrator), then, for a participant, one read of its certificate, one read of its CA,
//! and one read and (at dispatch) one write of its rate-limit counter.
//!
//! A refused transaction carries one of the codes of [`tenderchain_primitives::admission`],
//! which the client explains with the same crate's sentences.

use crate::{Config, Error, Pallet, RecentTransactions, WindowUse};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	dispatch::DispatchInfo,
	pallet_prelude::{TransactionSource, Weight},
	traits::{Contains, Get},
	DefaultNoBound,
};
use frame_system::{pallet_prelude::BlockNumberFor, CheckNonce};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Dispatchable, PostDispatchInfoOf,
		Saturating, TransactionExtension, TxBaseImplication, ValidateResult,
	},
	transaction_validity::{
		InvalidTransaction, TransactionPriority, TransactionValidityError, ValidTransaction,
	},
	DispatchResult,
};
use tenderchain_primitives::admission;

/// The pool priority of an urgent call ([`Config::PriorityCalls`]). Every other signed
/// transaction has priority 0; the runtime's unsigned certificate registrations and
/// revocations have `UnsignedPriority` (set it below this).
pub const URGENT_PRIORITY: TransactionPriority = 1 << 40;

/// The admission gate (see the module documentation).
#[derive(Encode, Decode, DecodeWithMemTracking, DefaultNoBound, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckCertificate<T>(PhantomData<T>);

impl<T> CheckCertificate<T> {
	/// The gate; it carries no data.
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T> core::fmt::Debug for CheckCertificate<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckCertificate")
	}
}

impl<T: Config> CheckCertificate<T> {
	/// Checks `who` sending a transaction of `len` bytes declaring `weight` (`urgent` if a
	/// priority call); returns the window use to write at dispatch.
	fn admit(
		who: &T::AccountId,
		len: usize,
		weight: Weight,
		urgent: bool,
	) -> Result<WindowUse<BlockNumberFor<T>>, TransactionValidityError> {
		let exempt = T::AdmissionExempt::contains(who);
		if !exempt {
			Self::certified(who)?;
		}
		let now = frame_system::Pallet::<T>::block_number();
		let used = match RecentTransactions::<T>::get(who) {
			Some(used) if now < used.start.saturating_add(T::RateLimitWindow::get()) => used,
			_ => WindowUse { start: now, count: 0, bytes: 0, weight: Weight::zero() },
		};
		// The count: participants only, with the urgent reserve.
		let mut count_limit = T::MaxTransactionsPerWindow::get();
		if urgent {
			count_limit = count_limit.saturating_add(T::UrgentReserve::get());
		}
		if !exempt && used.count >= count_limit {
			return Err(InvalidTransaction::Custom(admission::RATE_LIMITED).into());
		}
		// Bytes and compute: everyone, the exempt accounts with a larger budget.
		let multiple = if exempt { T::ExemptMultiple::get().max(1) } else { 1 };
		let len = u32::try_from(len).unwrap_or(u32::MAX);
		let bytes = used.bytes.saturating_add(len);
		if bytes > T::MaxBytesPerWindow::get().saturating_mul(multiple) {
			return Err(InvalidTransaction::Custom(admission::BYTES_LIMITED).into());
		}
		let weight = used.weight.saturating_add(weight);
		if weight.any_gt(T::MaxWeightPerWindow::get().saturating_mul(multiple as u64)) {
			return Err(InvalidTransaction::Custom(admission::WEIGHT_LIMITED).into());
		}
		Ok(WindowUse { start: used.start, count: used.count.saturating_add(1), bytes, weight })
	}

	/// Refuses `who` unless it holds a valid certificate, with the gate's code for why.
	fn certified(who: &T::AccountId) -> Result<(), TransactionValidityError> {
		Pallet::<T>::valid_certificate(who).map_err(|e| {
			let code = match e {
				Error::<T>::CertificateRevoked => admission::CERTIFICATE_REVOKED,
				Error::<T>::CertificateExpired => admission::CERTIFICATE_EXPIRED,
				Error::<T>::AuthorityRemoved | Error::<T>::UnknownAuthority => {
					admission::AUTHORITY_REMOVED
				},
				Error::<T>::AuthorityNotValidNow => admission::AUTHORITY_EXPIRED,
				_ => admission::NOT_CERTIFIED,
			};
			InvalidTransaction::Custom(code)
		})?;
		Ok(())
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckCertificate<T>
where
	T::RuntimeCall: Dispatchable<Info = DispatchInfo>,
	DispatchOriginOf<T::RuntimeCall>: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = "CheckCertificate";
	type Implicit = ();
	type Val = Option<(T::AccountId, WindowUse<BlockNumberFor<T>>)>;
	type Pre = ();

	/// The exemption (trading centres, then the expert-pool administrator: two reads), the
	/// certificate, its CA and the rate counter are read (the block's timestamp, also read, is
	/// in memory already), and for an account without a certificate here its recognised peer
	/// certificate, the peer and the peer's CA (three more); the counter is written.
	fn weight(&self, _: &T::RuntimeCall) -> Weight {
		T::DbWeight::get().reads_writes(8, 1)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let Some(who) = origin.as_system_origin_signer() else {
			// Unsigned and inherent transactions have their own validation.
			return Ok((ValidTransaction::default(), None, origin));
		};
		// A call the runtime filters would fail in the block: it never enters the pool.
		if !<T as frame_system::Config>::BaseCallFilter::contains(call) {
			return Err(InvalidTransaction::Custom(admission::CALL_FILTERED).into());
		}
		let urgent = T::PriorityCalls::contains(call);
		let window_use = Self::admit(who, len, info.total_weight(), urgent)?;
		let priority = if urgent { URGENT_PRIORITY } else { 0 };
		let val = Some((who.clone(), window_use));
		Ok((ValidTransaction { priority, ..Default::default() }, val, origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &DispatchOriginOf<T::RuntimeCall>,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		if let Some((who, used)) = val {
			RecentTransactions::<T>::insert(who, used);
		}
		Ok(())
	}
}

/// `frame_system::CheckNonce` with a bound on future nonces: encoded and identified exactly as
/// `CheckNonce` (a compact nonce, identifier `"CheckNonce"`), so clients build it as the
/// ordinary nonce. It delegates every step to `CheckNonce`, and in addition refuses a
/// transaction whose nonce is more than `MaxFutureNonces` above the account's current nonce.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckNonceWindow<T: Config>(#[codec(compact)] pub T::Nonce);

impl<T: Config> CheckNonceWindow<T> {
	/// The extension for a transaction with `nonce`.
	pub fn from(nonce: T::Nonce) -> Self {
		Self(nonce)
	}

	fn inner(&self) -> CheckNonce<T> {
		CheckNonce::<T>::from(self.0)
	}
}

impl<T: Config> core::fmt::Debug for CheckNonceWindow<T> {
	#[cfg(feature = "std")]
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckNonceWindow({})", self.0)
	}

	#[cfg(not(feature = "std"))]
	fn fmt(&self, _: &mut core::fmt::Formatter) -> core::fmt::Result {
		Ok(())
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckNonceWindow<T>
where
	T::RuntimeCall: Dispatchable<Info = DispatchInfo>,
	DispatchOriginOf<T::RuntimeCall>: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = "CheckNonce";
	type Implicit = ();
	type Val = <CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::Val;
	type Pre = <CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::Pre;

	/// `CheckNonce`'s weight (its read of the account is the one this check uses).
	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		self.inner().weight(call)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl Encode,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		if let Some(who) = origin.as_system_origin_signer() {
			let current = frame_system::Pallet::<T>::account_nonce(who);
			// The exempt accounts queue `ExemptMultiple` times as far (the pool administrator
			// enters a roster of experts at once).
			let mut window = T::MaxFutureNonces::get();
			if T::AdmissionExempt::contains(who) {
				window = window.saturating_mul(T::ExemptMultiple::get().max(1));
			}
			let furthest = current.saturating_add(window.into());
			if self.0 > furthest {
				return Err(InvalidTransaction::Custom(admission::TOO_MANY_FUTURE).into());
			}
		}
		// `CheckNonce` does not look at the implication; it only needs one of the right type.
		let implication = TxBaseImplication(inherited_implication);
		self.inner().validate(origin, call, info, len, self_implicit, &implication, source)
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		self.inner().prepare(val, origin, call, info, len)
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		<CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::post_dispatch_details(
			pre, info, post_info, len, result,
		)
	}
}
