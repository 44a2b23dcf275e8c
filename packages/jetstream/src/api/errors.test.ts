import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { apiErrorResponse, fillTemplate, isApiError, isJSError } from './api-error.js';
import {
  API_ERRORS_BY_CODE,
  API_ERRORS_BY_NAME,
  JSConsumerNotFoundErr,
  JSStreamExternalDelPrefixOverlapsErrF,
  JSStreamInvalidConfigF,
  JSStreamNameExistErr,
  JSStreamNotFoundErr,
  newJSConsumerNameTooLongError,
  newJSSequenceNotFoundError,
  newJSStreamCreateError,
  newJSStreamExternalDelPrefixOverlapsError,
  newJSStreamInvalidConfigError,
} from './errors.generated.js';

// Tests run from dist/api; the sources and the generator are beside dist.
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface GeneratorModule {
  generateErrors(json: string): Promise<string>;
}

interface ErrorsJsonEntry {
  constant: string;
  code: number;
  error_code: number;
  description: string;
}

void describe('errors generated from errors.json', () => {
  void test('errors.generated.ts is what the generator makes from errors.json', async () => {
    const url = pathToFileURL(join(packageDir, 'scripts/generate-errors.mjs')).href;
    const generator = (await import(url)) as GeneratorModule;
    const json = await readFile(join(packageDir, 'src/api/errors.json'), 'utf8');
    const expected = await generator.generateErrors(json);
    const actual = await readFile(join(packageDir, 'src/api/errors.generated.ts'), 'utf8');
    assert.ok(
      actual === expected,
      'src/api/errors.generated.ts is stale: run `npm run generate:errors -w @tsnats/jetstream`',
    );
  });

  void test('every entry of errors.json is a constant with its code, err_code and text', async () => {
    const json = await readFile(join(packageDir, 'src/api/errors.json'), 'utf8');
    const entries = JSON.parse(json) as ErrorsJsonEntry[];
    assert.equal(entries.length, 152);
    assert.equal(Object.keys(API_ERRORS_BY_NAME).length, entries.length);
    for (const entry of entries) {
      assert.deepEqual(API_ERRORS_BY_NAME[entry.constant], {
        code: entry.code,
        err_code: entry.error_code,
        description: entry.description,
      });
      assert.equal(API_ERRORS_BY_CODE.get(entry.error_code), API_ERRORS_BY_NAME[entry.constant]);
    }
  });

  void test('the numbers clients rely on', () => {
    assert.deepEqual(JSStreamNotFoundErr, {
      code: 404,
      err_code: 10059,
      description: 'stream not found',
    });
    assert.deepEqual(JSStreamNameExistErr, {
      code: 400,
      err_code: 10058,
      description: 'stream name already in use with a different configuration',
    });
    assert.equal(JSConsumerNotFoundErr.err_code, 10014);
    assert.equal(JSConsumerNotFoundErr.code, 404);
  });

  void test('constants are frozen', () => {
    assert.ok(Object.isFrozen(JSStreamNotFoundErr));
    assert.ok(Object.isFrozen(API_ERRORS_BY_NAME));
  });
});

void describe('error builders', () => {
  void test('fill {err} from a string or an Error', () => {
    assert.deepEqual(newJSStreamInvalidConfigError({ err: 'maximum replicas is 5' }), {
      code: 500,
      err_code: 10052,
      description: 'maximum replicas is 5',
    });
    assert.equal(
      newJSStreamCreateError({ err: new Error('boom') }).description,
      'boom',
      'an Error gives its message, as Go gives err.Error()',
    );
    assert.equal(JSStreamInvalidConfigF.description, '{err}', 'the template is unchanged');
  });

  void test('fill several tags, numbers, and an ApiError as Go prints it', () => {
    assert.equal(
      newJSStreamExternalDelPrefixOverlapsError({ prefix: 'dp', subject: 'foo' }).description,
      'stream external delivery prefix dp overlaps with stream subject foo',
    );
    assert.equal(newJSSequenceNotFoundError({ seq: 22n }).description, 'sequence 22 not found');
    assert.equal(
      newJSConsumerNameTooLongError({ max: 255 }).description,
      'consumer name is too long, maximum allowed is 255',
    );
    assert.equal(
      newJSStreamCreateError({ err: JSStreamNotFoundErr }).description,
      'stream not found (10059)',
    );
  });

  void test('replacement is one pass: substituted text is not scanned again', () => {
    const error = newJSStreamExternalDelPrefixOverlapsError({ prefix: '{subject}', subject: 'x' });
    assert.equal(
      error.description,
      'stream external delivery prefix {subject} overlaps with stream subject x',
    );
    assert.equal(
      fillTemplate(JSStreamExternalDelPrefixOverlapsErrF, {}).description,
      JSStreamExternalDelPrefixOverlapsErrF.description,
    );
  });

  void test('unless passes an ApiError through, as nats-server Unless(err)', () => {
    assert.equal(
      newJSStreamCreateError({ err: 'x' }, { unless: JSStreamNameExistErr }),
      JSStreamNameExistErr,
    );
    assert.equal(newJSStreamCreateError({ err: 'x' }, { unless: new Error('x') }).err_code, 10049);
  });

  void test('isJSError compares err_code, isApiError the shape', () => {
    const filled = newJSStreamInvalidConfigError({ err: 'x' });
    assert.ok(isJSError(filled, JSStreamInvalidConfigF));
    assert.ok(isJSError(filled, JSStreamNotFoundErr, JSStreamInvalidConfigF));
    assert.ok(!isJSError(filled, JSStreamNotFoundErr));
    assert.ok(!isJSError(new Error('x'), JSStreamNotFoundErr));
    assert.ok(isApiError({ code: 400, err_code: 1, description: '' }));
    assert.ok(!isApiError({ code: '400', err_code: 1 }));
    assert.ok(!isApiError(null));
  });
});

void describe('apiErrorResponse', () => {
  void test('writes {type, error:{code, err_code, description}} as nats-server', () => {
    const body = apiErrorResponse(
      'io.nats.jetstream.api.v1.stream_info_response',
      JSStreamNotFoundErr,
    );
    assert.equal(
      JSON.stringify(body),
      '{"type":"io.nats.jetstream.api.v1.stream_info_response","error":{"code":404,"err_code":10059,"description":"stream not found"}}',
    );
  });

  void test('err_code and description are omitempty', () => {
    const body = apiErrorResponse('t', { code: 503, err_code: 0, description: '' });
    assert.equal(JSON.stringify(body), '{"type":"t","error":{"code":503}}');
  });
});
