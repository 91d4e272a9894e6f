//! The admission gate: a transaction extension that lets into the pool only signed
//! transactions from accounts with a valid certificate, at most
//! `MaxTransactionsPerWindow` per `RateLimitWindow` blocks each.
//!
//! Cost per signed transaction: the exemption check (`AdmissionExempt`; in the runtime, two
//! reads: is the sender a trading centre, is it the expert-pool administrator), then, for a
//! participant, one read of its certificate, one read of its CA, and one read and (at dispatch)
//! one write of its rate-limit counter.
//!
//! A refused transaction carries one of the codes of [`tenderchain_primitives::admission`],
//! which the client explains with the same crate's sentences.

use crate::{Config, Error, Pallet, RecentTransactions};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::{TransactionSource, Weight},
	traits::{Contains, Get},
	DefaultNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Dispatchable, Saturating,
		TransactionExtension, ValidateResult,
	},
	transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
};
use tenderchain_primitives::admission;

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
	/// Checks `who`; returns the counter to write at dispatch, or `None` for exempt accounts.
	fn admit(
		who: &T::AccountId,
	) -> Result<Option<(BlockNumberFor<T>, u32)>, TransactionValidityError> {
		if T::AdmissionExempt::contains(who) {
			return Ok(None);
		}
		Pallet::<T>::valid_certificate(who).map_err(|e| {
			let code = match e {
				Error::<T>::CertificateRevoked => admission::CERTIFICATE_REVOKED,
				Error::<T>::CertificateExpired => admission::CERTIFICATE_EXPIRED,
				Error::<T>::AuthorityRemoved | Error::<T>::UnknownAuthority => {
					admission::AUTHORITY_REMOVED
				},
				_ => admission::NOT_CERTIFIED,
			};
			InvalidTransaction::Custom(code)
		})?;
		let now = frame_system::Pallet::<T>::block_number();
		let (start, count) = match RecentTransactions::<T>::get(who) {
			Some((start, count)) if now < start.saturating_add(T::RateLimitWindow::get()) => {
				(start, count)
			},
			_ => (now, 0),
		};
		if count >= T::MaxTransactionsPerWindow::get() {
			return Err(InvalidTransaction::Custom(admission::RATE_LIMITED).into());
		}
		Ok(Some((start, count.saturating_add(1))))
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckCertificate<T>
where
	T::RuntimeCall: Dispatchable<Info = frame_support::dispatch::DispatchInfo>,
	DispatchOriginOf<T::RuntimeCall>: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = "CheckCertificate";
	type Implicit = ();
	type Val = Option<(T::AccountId, BlockNumberFor<T>, u32)>;
	type Pre = ();

	/// The exemption (trading centres, then the expert-pool administrator: two reads), the
	/// certificate, its CA and the rate counter are read (the block's timestamp, also read, is
	/// in memory already); the counter is written.
	fn weight(&self, _: &T::RuntimeCall) -> Weight {
		T::DbWeight::get().reads_writes(5, 1)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let Some(who) = origin.as_system_origin_signer() else {
			// Unsigned and inherent transactions have their own validation.
			return Ok((ValidTransaction::default(), None, origin));
		};
		let counter = Self::admit(who)?;
		let val = counter.map(|(start, count)| (who.clone(), start, count));
		Ok((ValidTransaction::default(), val, origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &DispatchOriginOf<T::RuntimeCall>,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		if let Some((who, start, count)) = val {
			RecentTransactions::<T>::insert(who, (start, count));
		}
		Ok(())
	}
}
