package model

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// ErrDuplicateKey is returned (wrapped) when a key that must be unique (an
// ID) occurs twice.
var ErrDuplicateKey = errors.New("duplicate key")

// IndexBy returns items keyed by key(item). A key that occurs twice is an
// error: IDs are expected to be unique.
func IndexBy[K comparable, V any](items []V, key func(V) K) (map[K]V, error) {
	m := make(map[K]V, len(items))
	for _, it := range items {
		k := key(it)
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("index: key %v: %w", k, ErrDuplicateKey)
		}
		m[k] = it
	}
	return m, nil
}

// Joined is one left item with its matching right item, if Found.
type Joined[L, R any] struct {
	Left  L
	Right R
	Found bool
}

// Join left-joins left to right by ID: one result per left item, in left's
// order, with the right item whose rkey equals the left item's lkey. Right
// keys must be unique.
func Join[L, R any, K comparable](left []L, right []R, lkey func(L) K, rkey func(R) K) ([]Joined[L, R], error) {
	idx, err := IndexBy(right, rkey)
	if err != nil {
		return nil, fmt.Errorf("join: %w", err)
	}
	out := make([]Joined[L, R], len(left))
	for i, l := range left {
		r, ok := idx[lkey(l)]
		out[i] = Joined[L, R]{Left: l, Right: r, Found: ok}
	}
	return out, nil
}

// Group is the items sharing one key, in their input order.
type Group[K comparable, V any] struct {
	Key   K
	Items []V
}

// GroupBy groups items by key, groups in the order their keys were first seen.
func GroupBy[K comparable, V any](items []V, key func(V) K) []Group[K, V] {
	pos := make(map[K]int)
	var out []Group[K, V]
	for _, it := range items {
		k := key(it)
		i, ok := pos[k]
		if !ok {
			i = len(out)
			pos[k] = i
			out = append(out, Group[K, V]{Key: k})
		}
		out[i].Items = append(out[i].Items, it)
	}
	return out
}

// GroupBySorted groups items by key, groups in ascending key order.
func GroupBySorted[K cmp.Ordered, V any](items []V, key func(V) K) []Group[K, V] {
	out := GroupBy(items, key)
	slices.SortFunc(out, func(a, b Group[K, V]) int { return cmp.Compare(a.Key, b.Key) })
	return out
}
