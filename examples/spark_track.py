"""Track articles on Apache Spark: a launcher for spark-submit.

    spark-submit --master yarn examples/spark_track.py 'hdfs:///news/*.jsonl' --output hdfs:///quoteprov/out

Every node needs quoteprov installed (``pip install 'quoteprov[spark]'``), or the
package shipped with ``--py-files``. Locally, without spark-submit:

    python examples/spark_track.py articles.jsonl --output out --master 'local[2]' --format json
"""

from quoteprov.spark import main

if __name__ == "__main__":
    raise SystemExit(main())
